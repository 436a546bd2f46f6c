import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS } from '../../src/reader/limits.ts';
import { smallDistrict } from '../helpers/conversation.ts';

const lisi = { as: 'lisi' };
const name = (n: number) => `${'甲'.repeat(n - 2)}项目`;

describe('names and texts have limits, and longer ones are refused with nothing written', () => {
  it('takes a 60-character project name and refuses a 61-character one', async () => {
    const { say, store } = await smallDistrict();
    expect(MAX_NAME_CHARS).toBe(60);
    const before = store.seq;
    const refused = await say(`登记签约 ${name(61)} 合同额1亿 正式合同`, lisi);
    expect(refused).toMatch(/「甲甲甲甲甲甲甲甲甲甲…」太长（61 字）：名称和每一项最多 60 字/);
    expect(store.seq).toBe(before);
    expect(await say(`登记签约 ${name(60)} 合同额1亿 正式合同`, lisi)).toMatch(/已登记签约/);
  });

  it('refuses a long enterprise in a list, a long field and a long unit name alike', async () => {
    const { say, store } = await smallDistrict();
    const before = store.seq;
    expect(await say(`外出招商 深圳 对接企业某甲公司、${name(61)}`, lisi)).toMatch(/太长（61 字）/);
    expect(await say(`登记在谈 再生铝项目 投资方${name(61)}`, lisi)).toMatch(/太长（61 字）/);
    expect(await say(`添加单位 ${name(61)} 类型部门`)).toMatch(/太长（61 字）/);
    expect(await say(`单位进度 ${name(61)}`)).toMatch(/太长（61 字）/);
    expect(store.seq).toBe(before);
  });

  it('takes a 2,000-character progress note and refuses a longer one', async () => {
    const { say, store } = await smallDistrict();
    expect(MAX_TEXT_CHARS).toBe(2000);
    await say('登记签约 再生铝项目 合同额1亿 正式合同', lisi);
    const before = store.seq;
    expect(await say(`进度 再生铝项目 ${'进'.repeat(2001)}`, lisi)).toMatch(
      /内容太长（2001 字），一条最多 2000 字/,
    );
    expect(await say(`问题 再生铝项目 用地 ${'卡'.repeat(2001)}`, lisi)).toMatch(/内容太长（2001 字）/);
    expect(store.seq).toBe(before);
    expect(await say(`进度 再生铝项目 ${'进'.repeat(2000)}`, lisi)).toMatch(/已记录进展：P2023-001/);
    expect(store.seq).toBe(before + 1);
  });

  it('answers a 100,001-character argument to every command with one short refusal', async () => {
    const { say, store } = await smallDistrict();
    const huge = '名'.repeat(100_001);
    const before = store.seq;
    for (const spec of commands) {
      for (const trigger of spec.triggers) {
        const answer = await say(`${trigger} ${huge}`, { chat: 'g1' });
        expect(answer, trigger).toMatch(
          new RegExp(`这条消息太长（${100_002 + trigger.length} 字），一条最多 ${MAX_MESSAGE_CHARS} 字`),
        );
        expect(answer.length, trigger).toBeLessThan(200);
      }
    }
    expect(store.seq).toBe(before);
  });

  it('holds the name in every command that starts with one to the name limit', async () => {
    const { say, store } = await smallDistrict();
    const before = store.seq;
    for (const spec of commands.filter((s) => s.grammar.head)) {
      const answer = await say(`${spec.triggers[0]} ${name(61)}`, { chat: 'g1' });
      expect(answer, spec.id).toMatch(/太长（61 字）/);
    }
    expect(store.seq).toBe(before);
  });
});
