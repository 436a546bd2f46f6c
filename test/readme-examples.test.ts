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
