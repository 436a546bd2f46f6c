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

describe('what the review left open', () => {
  it('reads 怎么/为什么 in a sentence as a question, never as news on the project', async () => {
    const c = await corpusDistrict();
    const before = JSON.stringify(c.store.projects());
    expect(await c.say('年产30万吨再生铝项目怎么取消', { as: 'lisi' })).toMatch(/^ℹ️ P2026-001/u);
    expect(await c.say('铝灰渣项目为什么还没到位', { as: 'lisi' })).not.toMatch(/^✅/u);
    expect(JSON.stringify(c.store.projects())).toBe(before);
  });

  it('asks for the unit of an amount in Chinese numerals instead of filing it as a note', async () => {
    const c = await corpusDistrict();
    expect(await c.say('再生铝项目到位三千', { as: 'lisi' })).toMatch(
      /^❓ 到位金额「三千」是 三千亿元 还是 三千万元？/u,
    );
    // the world already has 3000万 on this project from 09:30 today: the next check asks before writing
    expect(await c.say('2', { as: 'lisi' })).toMatch(/^❓ 刚才已登记过 3000万元，是再到位一笔吗？/u);
    expect(await c.say('1', { as: 'lisi' })).toMatch(
      /^✅ 已登记到位资金：P2026-001 年产30万吨再生铝项目 3000万元/u,
    );
  });
});

describe('confirming a contradiction', () => {
  it('records funds dated before the signing once the member confirms them, and nothing before', async () => {
    const c = await corpusDistrict();
    expect(await c.say('再生铝项目5月1日到位资金2000万', { as: 'lisi' })).toMatch(
      /^❓ 「年产30万吨再生铝项目」的到位日期 2026-05-01 早于签约日期 2026-05-20。确认无误吗？/u,
    );
    expect(c.store.project('P2026-001')?.instalments).toHaveLength(1);
    expect(await c.say('1', { as: 'lisi' })).toMatch(
      /^✅ 已登记到位资金：P2026-001 年产30万吨再生铝项目 2000万元/u,
    );
    expect(c.store.project('P2026-001')?.instalments.map((i) => i.date)).toEqual([
      '2026-11-27',
      '2026-05-01',
    ]);
  });
});

describe('an amount said roughly', () => {
  it('is recorded as its number, and what was said is kept as a note on the project in the same change', async () => {
    const c = await corpusDistrict();
    expect(await c.say('铝合金门窗项目签了正式合同，合同额约5亿', { as: 'lisi' })).toMatch(
      /合同额原话「约5亿」，按 5亿元 记录。/u,
    );
    const p = c.store.project('P2026-012');
    expect(p?.signing?.amountWan).toBe(50_000);
    expect(p?.notes.map((n) => n.text)).toEqual(['合同额原话「约5亿」，按 5亿元 记录。']);
    expect(await c.say('到位资金 再生铝项目 超过2000万 凭证银行回单', { as: 'lisi' })).toMatch(
      /到位金额原话「超过2000万」/u,
    );
    expect(await c.say('撤销', { as: 'lisi' })).toMatch(/已撤销/u);
    expect(c.store.project('P2026-001')?.notes).toEqual([]);
  });
});

describe('a reply that carries fields', () => {
  it('is never taken as the name asked for', async () => {
    const c = await corpusDistrict();
    expect(await c.say('登记签约 合同额5亿 类型正式合同', { as: 'lisi' })).toMatch(/^❓ 是哪个项目？/u);
    expect(await c.say('戊丑寅子丑丙未庚巳己申 合同额5亿', { as: 'lisi' })).not.toMatch(/^✅/u);
    expect(c.store.projects().some((p) => p.name.includes('戊丑'))).toBe(false);
  });
});
