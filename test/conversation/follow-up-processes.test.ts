import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { Store } from '../../storage/store.ts';
import { output, runEntry, startServer } from '../helpers/server-process.ts';

/**
 * A question and its answer sent as separate `npm run chat` processes, with and without the server
 * running, and across a restart: the held message lives in the store, so the answer always finds it.
 */
const ENV = { SAIMA_ADMINS: 'admin', SAIMA_NOW: '2026-11-27T10:00:00+08:00' };

async function chat(dir: string, as: string, text: string): Promise<string> {
  const result = await output(
    runEntry('src/chat-cli.ts', ['--as', as, text], { SAIMA_DATA_DIR: dir, ...ENV }),
  );
  if (result.code !== 0) throw new Error(`chat exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

async function district(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-follow-up-'));
  await chat(dir, 'admin', '添加单位 工业园区管委会 类型园区');
  await chat(dir, 'admin', '添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
  await chat(dir, 'admin', '添加成员 王五 账号wangwu 单位工业园区管委会 角色成员');
  return dir;
}

async function signings(dir: string) {
  const store = await Store.open(new FilePersistence(dir));
  try {
    return store.projects().map((p) => ({ name: p.name, signing: p.signing }));
  } finally {
    await store.close();
  }
}

const REPORT = '华峰铝业铝深加工项目今天签约了，合同额5亿';

describe('a follow-up question through npm run chat', () => {
  it('asks, and writes once when the same person answers in a later process', async () => {
    const dir = await district();
    expect(await chat(dir, 'lisi', REPORT)).toMatch(/合同类型是？\n1\. 正式合同/);
    expect(await signings(dir)).toEqual([]);
    expect(await chat(dir, 'lisi', '正式的')).toMatch(/已登记签约/);
    expect(await chat(dir, 'lisi', '1')).not.toMatch(/已登记签约/);
    expect(await signings(dir)).toEqual([
      {
        name: '华峰铝业铝深加工项目',
        signing: { type: '正式合同', amountWan: 50_000, date: '2026-11-27', startDeadline: '2027-03-31' },
      },
    ]);
  }, 60_000);

  it('keeps the question across a server restart: asked through one server, answered through the next', async () => {
    const dir = await district();
    let server = await startServer(dir, ENV);
    try {
      expect(await chat(dir, 'lisi', REPORT)).toMatch(/合同类型是？/);
    } finally {
      server.kill('SIGKILL');
      await output(server);
    }
    server = await startServer(dir, ENV);
    try {
      expect(await chat(dir, 'lisi', '1')).toMatch(/已登记签约/);
    } finally {
      server.kill('SIGTERM');
      await output(server);
    }
    expect((await signings(dir)).map((p) => p.signing?.type)).toEqual(['正式合同']);
  }, 90_000);

  it('writes nothing after 取消, and nothing when another member answers', async () => {
    const dir = await district();
    expect(await chat(dir, 'lisi', REPORT)).toMatch(/合同类型是？/);
    expect(await chat(dir, 'wangwu', '1')).not.toMatch(/已登记/);
    expect(await signings(dir)).toEqual([]);
    expect(await chat(dir, 'lisi', '取消')).toMatch(/已取消/);
    expect(await chat(dir, 'lisi', '1')).not.toMatch(/已登记/);
    expect(await signings(dir)).toEqual([]);
  }, 60_000);
});
