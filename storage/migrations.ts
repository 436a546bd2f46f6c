import { zh } from '../src/text/zh.ts';
import { SCHEMA_VERSION } from './schema.ts';

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
};

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
