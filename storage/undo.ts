import { UserError } from '../src/core/errors.ts';
import { zh } from '../src/text/zh.ts';
import { Aggregate } from './aggregate.ts';
import type { ChangeMeta, Tx } from './ledger.ts';
import { sameRecord } from './same-record.ts';
import type { Project, Put } from './schema.ts';

/** 撤销: taking back one's own latest change. */
export class Undo extends Aggregate {
  /**
   * Undoes the actor's latest change made within `withinMs`, provided nobody changed the same
   * records since (then it refuses rather than overwrite their work).
   */
  undoLast(meta: ChangeMeta, withinMs: number): { summary: string } {
    return this.bookkeep(meta, (tx) => {
      const now = meta.at.getTime();
      const mine = tx
        .find<'changes'>('changesByActor', meta.actor)
        .filter((c) => c.undoneBy === null && now - Date.parse(c.at) <= withinMs)
        .sort((a, b) => b.seq - a.seq);
      const last = mine[0];
      if (!last) throw new UserError(zh.nothingToUndo);
      for (const after of last.after) {
        const current = tx.get(after.c as 'projects', after.id) ?? null;
        if (!sameRecord(current, after.v ?? null)) throw new UserError(zh.undoConflict(last.summary));
      }
      for (const before of last.before) restore(tx, before);
      tx.put('changes', { ...structuredClone(last), undoneBy: this.ledger.seq + 1 });
      tx.summary = zh.summaryUndo(last.summary);
      return { summary: last.summary };
    });
  }
}

function restore(tx: Tx, put: Put): void {
  const c = put.c as 'projects';
  if (put.v === null) tx.delete(c, put.id);
  else tx.put(c, put.v as Project);
}
