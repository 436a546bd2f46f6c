import { Aggregate } from './aggregate.ts';
import { Conversations } from './conversations.ts';
import { HeroBoard } from './hero-board.ts';
import { Ledger } from './ledger.ts';
import { LedgerImport } from './ledger-import.ts';
import { Members } from './members.ts';
import { Organisation } from './organisation.ts';
import { Outbox } from './outbox.ts';
import type { Persistence } from './persistence.ts';
import { Projects } from './projects.ts';
import type { HandledMessage } from './schema.ts';
import { Trips } from './trips.ts';
import { Undo } from './undo.ts';
import { WebSessions } from './web-sessions.ts';

export type { ChangeMeta } from './ledger.ts';
export { isActiveMember } from './members.ts';
export { bindingId } from './organisation.ts';
export {
  defaultStartDeadline,
  type NewProjectFields,
  type ProjectPatch,
  type SigningInput,
} from './project-fields.ts';
export type { ProjectMatch } from './project-match.ts';
export { scopeKey } from './scope.ts';

/** The parts of the store, one per aggregate; each is a small class over the same ledger. */
const AGGREGATES = [
  Projects,
  Members,
  Organisation,
  Trips,
  Outbox,
  HeroBoard,
  Undo,
  Conversations,
  LedgerImport,
  WebSessions,
] as const;

/**
 * The store's port: what the bureau does, as verbs. Every write is one synchronous, validated,
 * journalled change; every read hands out copies. The verbs are the aggregates' own, put together
 * on one object so callers need not know which part a verb lives in.
 */
export interface Store
  extends Projects,
    Members,
    Organisation,
    Trips,
    Outbox,
    HeroBoard,
    Undo,
    Conversations,
    LedgerImport,
    WebSessions {}

export class Store extends Aggregate {
  private constructor(ledger: Ledger) {
    super(ledger);
  }

  static async open(persistence: Persistence): Promise<Store> {
    return new Store(await Ledger.open(persistence));
  }

  get seq(): number {
    return this.ledger.seq;
  }

  describe(): string {
    return this.ledger.describe();
  }

  close(): Promise<void> {
    return this.ledger.close();
  }

  /** Resolves once every change made so far is on disk; rejects (after taking them back) when refused. */
  durable(): Promise<void> {
    return this.ledger.durable();
  }

  handled(messageKey: string): HandledMessage | null {
    return this.ledger.handled(messageKey);
  }

  /** True on a database other instances write too: what this one reads may lag by up to a second. */
  get shared(): boolean {
    return this.ledger.shared;
  }

  /** Catches up with what other instances committed; true when that changed the ledger. */
  async refresh(): Promise<boolean> {
    const before = this.ledger.seq;
    await this.ledger.refresh();
    return this.ledger.seq !== before;
  }
}

// Every aggregate extends Aggregate, so its verbs run as well on a Store, which holds the same ledger.
for (const aggregate of AGGREGATES) {
  for (const name of Object.getOwnPropertyNames(aggregate.prototype)) {
    if (name === 'constructor') continue;
    // two aggregates with a verb of the same name would silently shadow one another
    if (Object.hasOwn(Store.prototype, name)) throw new Error(`store verb ${name} defined twice`);
    Object.defineProperty(
      Store.prototype,
      name,
      Object.getOwnPropertyDescriptor(aggregate.prototype, name) as PropertyDescriptor,
    );
  }
}
