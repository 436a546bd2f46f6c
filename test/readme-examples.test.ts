import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conversation } from './helpers/conversation.ts';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The section of the README under a heading, up to the next heading of any level. */
function section(heading: string): string {
  const start = README.indexOf(`${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const rest = README.slice(start + heading.length + 1);
  return rest.slice(0, rest.search(/\n#{2,3} /));
}

// an early day of a year long after the one the examples were first written in: a fixed date in an
// example would be in the future (refused) or long past (red) here
const NOW = '2031-02-10T10:00:00+08:00';

describe('the README’s examples work for a newcomer on any day', () => {
  it('runs the first-steps commands without a refusal, and the first card is not red', async () => {
    const c = await conversation({ now: NOW, admins: ['admin'] });
    const steps = [
      ...section('## 第一个管理员，和机器人说话').matchAll(/npm run chat -- --as (\w+) "([^"]+)"/g),
    ];
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const [, as, text] of steps) {
      const answer = await c.say(text as string, { as });
      expect(answer, text).not.toMatch(/^[❌❓]/u);
      expect(answer, text).not.toMatch(/🔴|红灯/u);
    }
  });

  it('runs every member-report example in order without a refusal', async () => {
    const c = await conversation({ now: NOW, admins: ['admin'] });
    await c.say('添加单位 工业园区管委会 类型园区');
    await c.say('添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
    await c.say('添加成员 张三 账号zhangsan 角色领导');
    const rows = [...section('### 成员上报').matchAll(/^\| [^|]+ \| `([^`]+)`/gm)].map((m) => m[1] as string);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    // an example that names a record by its number (T2026-001) means the one the examples before it
    // made, which on this day carries this day's year
    const year = NOW.slice(0, 4);
    for (const text of rows.map((r) => r.replace(/\b([PT])20\d\d-/g, `$1${year}-`))) {
      expect(await c.say(text, { as: 'lisi' }), text).not.toMatch(/^[❌❓]/u);
    }
    expect(c.store.project('P2031-001')?.major).toBe(true);
  });
});

describe('the README’s 直接说也行 examples', () => {
  const SAVED: Record<string, RegExp> = {
    登记在谈: /^✅ 已登记在谈/u,
    登记签约: /^✅ 已登记签约/u,
    登记开工: /^✅ 已认定开工/u,
    到位资金: /^✅ 已登记到位资金/u,
    进度: /^✅ 已记录进展/u,
    问题: /^✅ 已登记问题/u,
    外出招商: /^✅ 已登记外出招商/u,
  };
  const year = NOW.slice(0, 4);
  const ASKED: Record<string, string> = {
    查询: `查询 P${year}-001`,
    单位进度: '单位进度 工业园区管委会',
    签约未开工: '签约未开工',
  };

  async function district() {
    const c = await conversation({ now: NOW, admins: ['admin'] });
    await c.say('添加单位 工业园区管委会 类型园区');
    await c.say('添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
    await c.say('添加成员 王明 账号wangming 角色领导');
    return c;
  }

  it('records each sentence as its command would, and answers each question as its command does', async () => {
    const c = await district();
    const rows = [...section('### 直接说也行').matchAll(/^\| `([^`]+)` \| (\S+) \|$/gmu)].map(
      (m) => [m[1], m[2]] as [string, string],
    );
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const [text, command] of rows) {
      const answer = await c.say(text, { as: 'lisi' });
      const saved = SAVED[command];
      if (saved) expect(answer, text).toMatch(saved);
      else expect(answer, text).toBe(await c.say(ASKED[command] as string, { as: 'lisi' }));
    }
  });

  it('asks for the contract type and records the signing on the answer, as the exchange shows', async () => {
    const c = await district();
    const said = [...section('### 直接说也行').matchAll(/^李四：(.+)$/gmu)].map((m) => m[1] as string);
    expect(said).toHaveLength(2);
    expect(await c.say(said[0] as string, { as: 'lisi' })).toMatch(/^❓ 合同类型是？\n1\. 正式合同/u);
    expect(c.store.projects()).toEqual([]);
    expect(await c.say(said[1] as string, { as: 'lisi' })).toMatch(
      /^✅ 已登记签约：P\d{4}-001 再生铝项目\n正式合同　合同额 12亿元/u,
    );
  });
});
