import { zh } from '../src/text/zh.ts';
import { diffRecord, type Op } from './ops.ts';
import { type Put, SCHEMA_VERSION, type StoreDocument } from './schema.ts';

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** `MIGRATIONS[n]` turns a version-n document into version n+1. */
const MIGRATIONS: Record<number, Migration> = {
  // v2: horse-race settings and industrial-chain task forces
  1: (doc) => ({ ...doc, settings: {}, chains: {} }),
  // v3: the push outbox and the record of scheduled runs
  2: (doc) => ({ ...doc, pushRuns: {}, outbox: {} }),
  // v4: replies go through the outbox too; every earlier item is a push
  3: (doc) => ({
    ...doc,
    outbox: Object.fromEntries(
      Object.entries((doc.outbox ?? {}) as Record<string, object>).map(([id, item]) => [
        id,
        { ...item, reply: null },
      ]),
    ),
  }),
  // v5: questions the bot asked and is waiting on an answer to
  4: (doc) => ({ ...doc, conversations: {} }),
  // v6: the journal keeps what changed, not whole records; the snapshot no longer counts journal bytes
  5: (doc) => {
    const { journalBytes: _bytes, ...rest } = doc;
    const next = { ...rest, changes: { ...((doc.changes ?? {}) as Record<string, unknown>) } };
    upgradeChanges(next as unknown as StoreDocument);
    return next;
  },
  // v7: web login links and sessions (看板)
  6: (doc) => ({ ...doc, webSessions: {} }),
};

interface LegacyChange {
  before: Put[];
  after: Put[];
}

/**
 * 撤销's history written before v6 held whole records before and after; now it holds what changed.
 * Run on a migrated snapshot and again after replaying a journal written before v6.
 */
export function upgradeChanges(doc: StoreDocument): void {
  const changes = doc.changes as Record<string, unknown>;
  for (const [id, change] of Object.entries(changes)) {
    if (!change || typeof change !== 'object' || !('before' in change)) continue;
    const { before, after, ...rest } = change as LegacyChange & Record<string, unknown>;
    const ops: Op[] = [];
    for (const a of after) {
      const b = before.find((x) => x.c === a.c && x.id === a.id);
      const op = diffRecord(a.c, a.id, b?.v ?? undefined, a.v ?? undefined, true);
      if (op) ops.push(op);
    }
    changes[id] = { ...rest, ops };
  }
}

export class SchemaTooNewError extends Error {
  constructor(version: unknown) {
    super(zh.schemaTooNew(String(version), SCHEMA_VERSION));
  }
}

/** Brings a parsed document to the current schema version; returns whether anything changed. */
export function migrate(doc: Record<string, unknown>): { doc: Record<string, unknown>; migrated: boolean } {
  let version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { doc, migrated: false };
  if (version > SCHEMA_VERSION) throw new SchemaTooNewError(version);
  let current = doc;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration from schema version ${version}`);
    current = { ...step(current), schemaVersion: version + 1 };
    version += 1;
  }
  return { doc: current, migrated: current !== doc };
}
