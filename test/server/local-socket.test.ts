import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { importInOwnDistrict } from '../../src/district-import.ts';
import { listenLocalSocket, localSocketPath } from '../../src/server/local-socket.ts';
import type { Tenant } from '../../src/tenancy/district-router.ts';
import { readLedgerWorkbook } from '../../src/workbook/import/read-ledger-workbook.ts';
import { runLedgerImport } from '../../src/workbook/import/run-ledger-import.ts';
import { oneSigningLedger } from '../helpers/bureau-workbook.ts';
import { conversation } from '../helpers/conversation.ts';
import { deployment, staffBoth } from '../helpers/districts.ts';
import { postToSocket } from '../helpers/server-process.ts';

let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

describe('the local socket', () => {
  it('lives in a 0700 directory of its own, so it is never reachable by another user, and is itself 0600', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'saima-sock-'));
    // a run directory left open by an earlier version or a careless operator is closed first
    mkdirSync(join(dataDir, 'run'));
    chmodSync(join(dataDir, 'run'), 0o777);
    const c = await conversation();
    server = await listenLocalSocket(c.bot, dataDir, silentLogger);
    const path = localSocketPath(dataDir);
    expect(dirname(path)).toBe(join(dataDir, 'run'));
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(statSync(path).isSocket()).toBe(true);
    expect(statSync(path).mode & 0o077).toBe(0);
    const ok = await postToSocket(dataDir, JSON.stringify({ as: 'admin', text: '帮助' }));
    expect(ok.status).toBe(200);
    const bad = await postToSocket(dataDir, '{"as":');
    expect(bad).toEqual({ status: 400, text: '{"error":"malformed_body"}' });
  });

  it('refuses to listen in a run directory that is a symlink to somewhere else', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'saima-sock-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'saima-elsewhere-'));
    chmodSync(elsewhere, 0o755);
    symlinkSync(elsewhere, join(dataDir, 'run'));
    const c = await conversation();
    await expect(listenLocalSocket(c.bot, dataDir, silentLogger)).rejects.toThrow(/不是本用户私有的目录/);
    expect(statSync(elsewhere).mode & 0o777).toBe(0o755); // left as it was
  });
});

describe('the local socket of a many-district deployment', () => {
  it("answers and imports as the as account's own district, and refuses an account of no district without writing", async () => {
    const d = await deployment({
      districts: [
        { id: 'gaoxin', admins: ['gx-admin'] },
        { id: 'jingkai', admins: ['jk-admin'] },
      ],
    });
    try {
      await staffBoth(d);
      await d.say('登记签约 储能电站项目 合同额8亿 投资方乙集团 类型正式合同 日期2023-05-21', {
        as: 'wangwu',
      });
      const dataDir = mkdtempSync(join(tmpdir(), 'saima-sock-districts-'));
      const clock = { now: () => new Date('2023-06-30T10:00:00+08:00') };
      server = await listenLocalSocket(
        d.router,
        dataDir,
        silentLogger,
        importInOwnDistrict(
          (account) => d.router.districtOf(account),
          (own: Tenant, request) => runLedgerImport({ store: own.store, admins: own.admins, clock }, request),
        ),
      );
      const chat = async (as: string, text: string) =>
        (JSON.parse((await postToSocket(dataDir, JSON.stringify({ as, text }))).text) as { text: string })
          .text;
      expect(await chat('wangwu', '全区进度')).toMatch(/正式合同额\s+8亿元/);
      const lisi = await chat('lisi', '全区进度');
      expect(lisi).toMatch(/正式合同额\s+0(万元|元)/);
      expect(lisi).not.toMatch(/8亿/);

      const read = await readLedgerWorkbook(await oneSigningLedger(), '台账.xlsx');
      const importAs = async (as: string) =>
        JSON.parse(
          (await postToSocket(dataDir, JSON.stringify({ as, dryRun: false, input: read.input }), '/import'))
            .text,
        ) as { outcome?: { kind: string }; refusal?: string };
      const seqs = () => ['gaoxin', 'jingkai'].map((id) => d.storeOf(id).seq);
      const before = seqs();
      expect(await importAs('nobody')).toEqual({
        refusal: '账号「nobody」不是管理员：只有管理员可以导入台账。',
      });
      expect(await importAs('wangwu')).toEqual({
        refusal: '账号「wangwu」不是管理员：只有管理员可以导入台账。',
      });
      expect(seqs()).toEqual(before);
      expect((await importAs('gx-admin')).outcome?.kind).toBe('written');
      expect(
        d
          .storeOf('gaoxin')
          .projects()
          .map((p) => p.name),
      ).toEqual(['年产30万吨再生铝项目']);
      expect(
        d
          .storeOf('jingkai')
          .projects()
          .map((p) => p.name),
      ).toEqual(['储能电站项目']);
    } finally {
      await d.close();
    }
  });
});
