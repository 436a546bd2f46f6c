import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { buildDemoDistrict } from '../../src/demo/build-demo-district.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { Store } from '../../storage/store.ts';
import { conversation } from './conversation.ts';

export function tempDir(prefix = 'saima-migrate-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file under a directory with its bytes: what a test compares to show nothing was touched. */
export function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return [path, readFileSync(path).toString('base64')];
      }),
  );
}

const STAMP = '2023-04-03T09:00:00.000+08:00';

/**
 * A data directory as a version before v6 left it: a v5 snapshot and a journal of whole records
 * without checksums (one district unit, 老城街道).
 */
function writeV5DataDir(dir: string): void {
  const empty = Object.fromEntries(
    ['units', 'members', 'projects', 'trips', 'targets', 'challenges', 'honours', 'bindings', 'settings']
      .concat(['chains', 'pushRuns', 'outbox', 'counters', 'messages', 'changes', 'conversations'])
      .map((c) => [c, {}]),
  );
  writeFileSync(
    join(dir, 'saima.json'),
    JSON.stringify({ schemaVersion: 5, seq: 0, journalBytes: 0, ...empty }),
  );
  const unit = { id: 'U001', name: '老城街道', type: '镇街', createdAt: STAMP };
  const counter = { id: 'unit', value: 1 };
  const v5 = {
    v: 5,
    seq: 1,
    at: STAMP,
    actor: 'admin',
    messageKey: 'test:old-1',
    text: '添加单位 老城街道 类型镇街',
    command: 'add-unit',
    summary: '添加单位 老城街道',
    before: [
      { c: 'units', id: 'U001', v: null },
      { c: 'counters', id: 'unit', v: null },
    ],
    puts: [
      { c: 'units', id: 'U001', v: unit },
      { c: 'counters', id: 'unit', v: counter },
      {
        c: 'changes',
        id: '1',
        v: {
          id: '1',
          seq: 1,
          at: STAMP,
          actor: 'admin',
          command: 'add-unit',
          summary: '添加单位 老城街道',
          before: [{ c: 'units', id: 'U001', v: null }],
          after: [{ c: 'units', id: 'U001', v: unit }],
          undoneBy: null,
        },
      },
    ],
  };
  writeFileSync(join(dir, 'journal.jsonl'), `${JSON.stringify(v5)}\n`);
}

/**
 * A district that has lived a while: started before v6 (its first change is a whole-record line, now
 * in a compressed archive), then run by this version through a spring of real messages — units,
 * members, targets, signings, starts, funds, notes, problems, trips, an undo, a termination — with
 * frequent snapshots, so its journal is spread over several compressed archives.
 * A platform sent one message id again after the 7 days the ledger remembers ids, so two records
 * carry the same message key.
 */
export async function livedInDataDir(): Promise<{ dir: string; seq: number }> {
  const dir = tempDir();
  writeV5DataDir(dir);
  const options = { snapshotEvery: 4, rotateAtBytes: 0 };
  let c = await conversation({
    now: '2023-04-10T09:00:00+08:00',
    persistence: new FilePersistence(dir, options),
  });
  const say = async (text: string, as = 'admin', id: string | null = null) => {
    const reply = await c.say(text, { as, id });
    await c.store.durable();
    expect(reply, text).not.toMatch(/^❌|❓|抱歉/);
    return reply;
  };
  await say('添加单位 工业园区管委会 类型园区');
  await say('添加单位 经济信息委 类型部门');
  await say('添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
  await say('添加成员 王五 账号wangwu 单位经济信息委 角色成员');
  await say('添加成员 张三 账号zhangsan 角色领导');
  await say('设置目标 工业园区管委会 市级目标 签约个数4 合同额20亿 开工2 到位资金3亿');
  await say('设置目标 经济信息委 市级目标 签约个数3 合同额10亿 开工2 到位资金2亿');
  await say('设置目标 全区 报告目标 签约个数40 合同额60亿');
  await say('登记在谈 华峰铝业深加工项目 投资额8亿 投资方华峰铝业集团 产业链铝产业', 'lisi');
  await say(
    '登记签约 年产30万吨再生铝项目 合同额12亿 投资方某某集团 产业链铝产业 类型正式合同 日期2023-04-08',
    'lisi',
    'm-1',
  );
  await say('登记签约 食品加工项目 合同额2亿 投资方某乙公司 类型正式合同 日期2023-04-09', 'wangwu');
  c.setNow('2023-05-06T10:00:00+08:00');
  await say('登记开工 年产30万吨再生铝项目 类型建安类 日期2023-05-05', 'lisi');
  await say('到位资金 年产30万吨再生铝项目 8000万 凭证银行回单', 'lisi', 'm-7');
  await say('进度 年产30万吨再生铝项目 已完成土地摘牌，下周进场', 'lisi');
  await say('问题 食品加工项目 用地 土地报批未完成', 'wangwu');
  await say('外出招商 深圳 带队张三 对接企业某甲公司、某乙公司 日期2023-05-04', 'zhangsan');
  await say('登记签约 储能电池项目 合同额3亿 投资方某丙公司 类型框架协议 日期2023-05-05', 'wangwu');
  await say('撤销', 'wangwu');
  // the server restarts; a week and more later
  await c.store.close();
  c = await conversation({
    now: '2023-05-15T10:00:00+08:00',
    persistence: new FilePersistence(dir, options),
  });
  await say('进度 食品加工项目 主体厂房开始施工', 'wangwu');
  // the platform delivers m-7 again, long after the ledger forgot the id: it is a new change
  await say('到位资金 年产30万吨再生铝项目 8000万 凭证银行回单', 'lisi', 'm-7');
  await say('修改 P2023-002 合同额2.5亿');
  await say('终止项目 华峰铝业深加工项目 原因企业战略调整', 'lisi');
  await say('问题已解决 食品加工项目 土地 已取得用地指标', 'wangwu');
  c.setNow('2023-06-20T10:00:00+08:00');
  await say('登记签约 智能装备项目 合同额6亿 投资方某丁公司 类型正式合同 日期2023-06-18', 'lisi');
  await say('到位资金 食品加工项目 3000万 凭证银行回单', 'wangwu');
  const seq = c.store.seq;
  await c.store.close();
  return { dir, seq };
}

/** The demo district (src/demo), written through the embedded store as `npm run demo` does. */
export async function demoDataDir(now: Date): Promise<{ dir: string; seq: number }> {
  const dir = tempDir();
  const store = await Store.open(new FilePersistence(dir));
  buildDemoDistrict(store, now);
  await store.durable();
  const seq = store.seq;
  await store.close();
  return { dir, seq };
}
