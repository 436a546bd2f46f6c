import { describe, expect, it } from 'vitest';
import { corpusDistrict } from './corpus-world.ts';

/** What counts as the answer to a question the bot asked, and what is a new message instead. */
describe('answers to a question', () => {
  it('takes a short plain reply as the project asked for, and nothing longer than a name', async () => {
    const c = await corpusDistrict();
    expect(await c.say('登记签约 合同额5亿 类型正式合同', { as: 'lisi' })).toMatch(/^❓ 是哪个项目？/u);
    const long = '甲乙丙丁戊己庚辛壬癸'.repeat(7);
    expect(await c.say(long, { as: 'lisi' })).not.toMatch(/^✅/u);
    expect(c.store.projects().some((p) => p.name.includes('甲乙丙'))).toBe(false);
  });

  it('reads a mistyped command or a report sent while a question waits as a new message, not as the name', async () => {
    const c = await corpusDistrict();
    await c.say('登记签约 合同额5亿 类型正式合同', { as: 'lisi' });
    expect(await c.say('登级签约 壬辰乙辰 类型正式合同', { as: 'lisi' })).toMatch(
      /^❓ 您是想「登记签约」吗？/u,
    );
    expect(c.store.projects().some((p) => p.name.includes('登级'))).toBe(false);
    await c.say('登记签约 合同额5亿 类型正式合同', { as: 'lisi' });
    expect(await c.say('铝灰渣项目主体厂房已封顶', { as: 'lisi' })).toMatch(/^✅ 已记录进展：P2026-003/u);
    expect(c.store.projects().some((p) => p.name.includes('封顶'))).toBe(false);
  });

  it('completes the held message when the reply is the project’s name', async () => {
    const c = await corpusDistrict();
    await c.say('登记签约 合同额5亿 类型正式合同', { as: 'lisi' });
    expect(await c.say('铝合金门窗项目', { as: 'lisi' })).toMatch(
      /^✅ 已登记签约：P2026-012 铝合金门窗项目/u,
    );
  });
});
