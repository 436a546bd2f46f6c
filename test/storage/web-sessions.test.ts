import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../storage/journal-record.ts';
import { webSecretId } from '../../storage/web-sessions.ts';
import { journalOf, openTestStore } from '../helpers/test-store.ts';

const at = (iso: string) => new Date(iso);
const meta = (iso: string) => ({ actor: 'lisi', command: 'test', at: at(iso) });

describe('web links and sessions in the store', () => {
  it('journal only the hash of a secret', async () => {
    const store = await openTestStore();
    const link = store.offerWebLogin(meta('2026-11-20T10:00:00+08:00'), 'lisi', 600_000);
    const session = store.startWebSession(meta('2026-11-20T10:01:00+08:00'), link, 8 * 3600_000);
    const journal = JSON.stringify(await journalOf(store));
    expect(journal).toContain(webSecretId(link));
    expect(journal).not.toContain(link);
    expect(journal).not.toContain(session?.secret);
  });

  it('a link opens one session and is gone; a session is not a link, nor a link a session', async () => {
    const store = await openTestStore();
    const now = at('2026-11-20T10:00:00+08:00');
    const link = store.offerWebLogin(meta('2026-11-20T10:00:00+08:00'), 'lisi', 600_000);
    expect(store.webSession(link, now)).toBeNull();
    const session = store.startWebSession(meta('2026-11-20T10:00:00+08:00'), link, 8 * 3600_000);
    expect(session?.account).toBe('lisi');
    expect(store.webLoginLink(link, now)).toBeNull();
    expect(store.startWebSession(meta('2026-11-20T10:00:00+08:00'), link, 1000)).toBeNull();
    expect(store.webLoginLink(session?.secret as string, now)).toBeNull();
    expect(store.webSession(session?.secret as string, now)?.account).toBe('lisi');
  });

  it('are dropped by the ledger once past their time', async () => {
    const store = await openTestStore();
    const link = store.offerWebLogin(meta('2026-11-20T10:00:00+08:00'), 'lisi', 600_000);
    // any later change past the expiry looks for what has expired
    store.offerWebLogin(meta('2026-11-20T10:20:00+08:00'), 'wangwu', 600_000);
    const last = (await journalOf(store)).at(-1) as JournalRecord;
    const dropped = last.ops.find((op) => op.c === 'webSessions' && op.del);
    expect(dropped?.id).toBe(webSecretId(link));
  });
});
