import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { SCHEMA_VERSION } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';

const v3Push = {
  id: 'monthly@2026-12-01T09:00#0000',
  runId: 'monthly@2026-12-01T09:00',
  platform: 'wecom',
  chatId: 'g1',
  order: 0,
  title: '每月通报',
  body: '**每月通报**',
  image: false,
  status: 'pending',
  attempts: 0,
  lastError: null,
  createdAt: '2026-12-01T09:00:00.000+08:00',
  sentAt: null,
};

function v3Document() {
  const empty = Object.fromEntries(
    ['units', 'members', 'projects', 'trips', 'targets', 'challenges', 'honours', 'bindings']
      .concat(['settings', 'chains', 'pushRuns', 'counters', 'messages', 'changes'])
      .map((c) => [c, {}]),
  );
  return { schemaVersion: 3, seq: 7, journalBytes: 0, ...empty, outbox: { [v3Push.id]: v3Push } };
}

describe('carrying a version-3 data file forward to durable replies (v4)', () => {
  it('keeps every queued push as a push, still pending, and keeps a backup of the original', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-migrate-v3-'));
    const original = v3Document();
    writeFileSync(join(dir, 'saima.json'), JSON.stringify(original));
    const store = await Store.open(new FilePersistence(dir));
    expect(store.outbox()).toEqual([{ ...v3Push, reply: null }]);
    await store.close();
    expect(existsSync(join(dir, 'saima.json.v3.bak'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'saima.json.v3.bak'), 'utf8'))).toEqual(original);
    expect(JSON.parse(readFileSync(join(dir, 'saima.json'), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('gives a version-4 file an empty set of waiting questions (v5)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-migrate-v4-'));
    writeFileSync(join(dir, 'saima.json'), JSON.stringify({ ...v3Document(), schemaVersion: 4, outbox: {} }));
    const store = await Store.open(new FilePersistence(dir));
    expect(store.pendingQuestion('test:-:lisi')).toBeNull();
    await store.close();
    const saved = JSON.parse(readFileSync(join(dir, 'saima.json'), 'utf8'));
    expect(saved.schemaVersion).toBe(SCHEMA_VERSION);
    expect(saved.conversations).toEqual({});
  });

  it('replays a version-3 journal line that queued a push after the snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-migrate-v3-journal-'));
    const doc = { ...v3Document(), seq: 0, outbox: {} };
    writeFileSync(join(dir, 'saima.json'), JSON.stringify(doc));
    const record = {
      v: 3,
      seq: 1,
      at: v3Push.createdAt,
      actor: 'saima',
      messageKey: null,
      text: null,
      command: 'push',
      summary: '推送',
      before: [],
      puts: [{ c: 'outbox', id: v3Push.id, v: v3Push }],
    };
    writeFileSync(join(dir, 'journal.jsonl'), `${JSON.stringify(record)}\n`);
    const store = await Store.open(new FilePersistence(dir));
    const [item] = store.outbox();
    expect(item?.reply ?? null).toBeNull();
    // and it can still be marked as it is sent, which validates the whole item again
    store.markOutbox({ actor: 'saima', command: 'push', at: new Date() }, v3Push.id, { sending: true });
    expect(store.outbox()[0]?.status).toBe('sending');
    await store.close();
  });
});

describe('carrying a version-6 data file forward to web sessions (v7)', () => {
  it('keeps the data, adds an empty set of web links and sessions, and a login link then survives a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-migrate-v6-'));
    const member = {
      id: 'M1',
      name: '李四',
      account: 'lisi',
      unitId: null,
      role: 'member',
      createdAt: '2026-01-05T10:00:00+08:00',
    };
    const v6 = { ...v3Document(), schemaVersion: 6, outbox: {}, conversations: {}, members: { M1: member } };
    delete (v6 as { journalBytes?: number }).journalBytes;
    writeFileSync(join(dir, 'saima.json'), JSON.stringify(v6));
    const store = await Store.open(new FilePersistence(dir));
    expect(store.memberByAccount('lisi')).toEqual(member);
    const at = new Date('2026-11-20T10:00:00+08:00');
    const secret = store.offerWebLogin({ actor: 'lisi', command: 'web-board', at }, 'lisi', 600_000);
    await store.close();
    expect(existsSync(join(dir, 'saima.json.v6.bak'))).toBe(true);

    const reopened = await Store.open(new FilePersistence(dir));
    expect(reopened.webLoginLink(secret, at)?.account).toBe('lisi');
    await reopened.close();
    const saved = JSON.parse(readFileSync(join(dir, 'saima.json'), 'utf8'));
    expect(saved.schemaVersion).toBe(SCHEMA_VERSION);
    expect(Object.values(saved.webSessions)).toHaveLength(1);
  });
});
