import { Aggregate } from './aggregate.ts';
import type { ChangeMeta } from './ledger.ts';
import type { Pending } from './schema.ts';

/** Questions the bot is waiting on an answer to, one per person and chat. */
export class Conversations extends Aggregate {
  /** The question waiting for this person in this chat, expired or not (the caller judges the time). */
  pendingQuestion(id: string): Pending | null {
    return this.copy((d) => d.conversations[id] ?? null);
  }

  /** Asks (or asks again): a newer question replaces the older one. Bookkeeping, so `撤销` never offers it. */
  holdQuestion(meta: ChangeMeta, pending: Pending): void {
    this.bookkeep({ ...meta, messageKey: null }, (tx) => {
      tx.put('conversations', pending);
    });
  }

  /** 「取消」, or a new message that is not an answer: nothing is kept. */
  dropQuestion(meta: ChangeMeta, id: string): void {
    if (!this.ledger.read((d) => d.conversations[id])) return;
    this.bookkeep({ ...meta, messageKey: null }, (tx) => {
      tx.delete('conversations', id);
    });
  }
}
