import { describe, expect, it } from 'vitest';
import { corpusDistrict } from './corpus-world.ts';

/**
 * How members say a signing out loud, with who signed and when around the project's name: the
 * project is registered under its own name, and the investor is the one the sentence names.
 */
const SAID: Array<{ text: string; name: string; investor: string | null; amountWan: number }> = [
  // 把 takes the project; who and when come before it
  {
    text: '今天下午跟宏达化工把硅材料的项目签了，正式合同，合同额两个亿',
    name: '硅材料项目',
    investor: '宏达化工',
    amountWan: 20000,
  },
  {
    text: '上午和宏达化工把硅材料项目签了 正式合同 合同额2亿',
    name: '硅材料项目',
    investor: '宏达化工',
    amountWan: 20000,
  },
  {
    text: '跟宏达化工把那个硅材料项目签下来了，正式合同2亿',
    name: '硅材料项目',
    investor: '宏达化工',
    amountWan: 20000,
  },
  {
    text: '把硅材料项目签了，投资方宏达化工，正式合同2亿',
    name: '硅材料项目',
    investor: '宏达化工',
    amountWan: 20000,
  },
  // a measure word after the event counts the project
  {
    text: '今天签了个硅材料项目，宏达化工投的，正式合同，两个亿',
    name: '硅材料项目',
    investor: '宏达化工',
    amountWan: 20000,
  },
  {
    text: '刚跟宏达化工签了个硅材料项目 正式合同 2亿',
    name: '硅材料项目',
    investor: '宏达化工',
    amountWan: 20000,
  },
  // names that hold those characters keep them
  {
    text: '火把节文旅项目今天签了正式合同，合同额2亿',
    name: '火把节文旅项目',
    investor: null,
    amountWan: 20000,
  },
  {
    text: '跟宏达化工把火把节文旅项目签了，正式合同2亿',
    name: '火把节文旅项目',
    investor: '宏达化工',
    amountWan: 20000,
  },
  { text: '个旧锡业项目今天签了正式合同2亿', name: '个旧锡业项目', investor: null, amountWan: 20000 },
];

describe('a signing said out loud', () => {
  for (const s of SAID) {
    it(`「${s.text}」 registers ${s.name}`, async () => {
      const c = await corpusDistrict();
      const said = await c.say(s.text, { as: 'lisi' });
      expect(said).toMatch(new RegExp(`^✅ 已登记签约：P2026-\\d+ ${s.name}`, 'u'));
      const p = c.store.projects().find((x) => x.name === s.name);
      expect({ investor: p?.investor ?? null, amountWan: p?.signing?.amountWan }).toEqual({
        investor: s.investor,
        amountWan: s.amountWan,
      });
    });
  }

  it('finds the project a member already has when the sentence shortens its name', async () => {
    const c = await corpusDistrict();
    const said = await c.say('跟华峰铝业把铝深加工的项目签了，正式合同，合同额5亿', { as: 'lisi' });
    expect(said).toMatch(/^✅ 已登记签约：P2026-002 华峰铝业铝深加工项目/u);
  });
});
