import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { listenLocalSocket } from '../../../src/server/local-socket.ts';
import { readLedgerWorkbook } from '../../../src/workbook/import/read-ledger-workbook.ts';
import { runLedgerImport } from '../../../src/workbook/import/run-ledger-import.ts';
import { messyLedger } from '../../helpers/bureau-workbook.ts';
import { smallDistrict } from '../../helpers/conversation.ts';
import { postToSocket } from '../../helpers/server-process.ts';

let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** The local socket's /import, as `npm run import` posts to it. */
async function post(dataDir: string, body: string): Promise<{ status: number; json: unknown }> {
  const { status, text } = await postToSocket(dataDir, body, '/import');
  return { status, json: JSON.parse(text) };
}

describe('the local socket’s /import', () => {
  it('takes the rows the console read, larger than any chat message, and answers the outcome or the refusal', async () => {
    const c = await smallDistrict();
    const dir = mkdtempSync(join(tmpdir(), 'saima-import-sock-'));
    server = await listenLocalSocket(c.bot, dir, silentLogger, (r) =>
      runLedgerImport({ store: c.store, admins: new Set(['admin']), clock: c.clock }, r),
    );
    const rows = Array.from({ length: 800 }, (_, i) => [
      i + 1,
      `某某产业园${i + 1}号项目`,
      '工业园区管委会',
      '某某集团',
      '铝产业',
      1,
    ]);
    const read = await readLedgerWorkbook(await messyLedger(rows), '台账.xlsx');
    const body = JSON.stringify({ as: 'admin', dryRun: true, input: read.input });
    expect(body.length).toBeGreaterThan(64 * 1024);
    const planned = await post(dir, body);
    expect(planned).toMatchObject({ status: 200, json: { outcome: { kind: 'planned', unchanged: 0 } } });
    expect((planned.json as { outcome: { added: unknown[] } }).outcome.added).toHaveLength(800);
    expect(c.store.projects()).toEqual([]);

    const member = await post(dir, JSON.stringify({ as: 'lisi', dryRun: false, input: read.input }));
    expect(member).toEqual({
      status: 200,
      json: { refusal: '账号「lisi」不是管理员：只有管理员可以导入台账。' },
    });
    const malformed = await post(dir, JSON.stringify({ as: 'admin', dryRun: false, input: { rows: 'all' } }));
    expect(malformed).toEqual({ status: 400, json: { error: 'bad request' } });
    expect(c.store.projects()).toEqual([]);
  });
});
