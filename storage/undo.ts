import { UserError } from '../src/core/errors.ts';
import { zh } from '../src/text/zh.ts';
import { Aggregate } from './aggregate.ts';
import type { ChangeMeta, Tx } from './ledger.ts';
import { isActiveMember } from './members.ts';
import { type Op, recordBefore, stillAsWritten } from './ops.ts';
import type { Member, Project } from './schema.ts';

/** 撤销: taking back one's own latest change. */
export class Undo extends Aggregate {
  /**
   * Undoes the actor's latest change made within `withinMs`, provided nobody changed the same
   * records since (then it refuses rather than overwrite their work).
   */
  /**
   * `accountElsewhere`: an account another district holds; undoing a 删除成员 or 停用成员 must not
   * give it back to this one (a member belongs to one district).
   */
  undoLast(
    meta: ChangeMeta,
    withinMs: number,
    accountElsewhere: (account: string) => boolean = () => false,
  ): { summary: string } {
    return this.bookkeep(meta, (tx) => {
      const now = meta.at.getTime();
      const mine = tx
        .find<'changes'>('changesByActor', meta.actor)
        .filter((c) => c.undoneBy === null && now - Date.parse(c.at) <= withinMs)
        .sort((a, b) => b.seq - a.seq);
      const last = mine[0];
      if (!last) throw new UserError(zh.nothingToUndo);
      const current = last.ops.map((op) => tx.get(op.c as 'projects', op.id));
      if (last.ops.some((op, i) => !stillAsWritten(op, current[i])))
        throw new UserError(zh.undoConflict(last.summary));
      // newest op first: a change may touch one record twice
      for (let i = last.ops.length - 1; i >= 0; i--) {
        const op = last.ops[i] as Op;
        const record = recordBefore(op, tx.get(op.c as 'projects', op.id));
        if (op.c === 'members' && record && isActiveMember(record as Member)) {
          const { account } = record as Member;
          if (accountElsewhere(account)) throw new UserError(zh.memberInOtherDistrict(account));
        }
        restore(tx, op.c, op.id, record);
      }
      tx.put('changes', { ...structuredClone(last), undoneBy: this.ledger.seq + 1 });
      tx.summary = zh.summaryUndo(last.summary);
      return { summary: last.summary };
    });
  }
}

function restore(tx: Tx, c: string, id: string, record: unknown): void {
  if (record === undefined) tx.delete(c as 'projects', id);
  else tx.put(c as 'projects', record as Project);
}
