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
  // the company is said as who invested in it, or whose project it is
  {
    text: '由鼎新材料有限公司投资建设的光电材料项目今天签了正式合同，合同额3亿',
    name: '光电材料项目',
    investor: '鼎新材料有限公司',
    amountWan: 30000,
  },
  {
    text: '今天下午2点宏远建材有限公司投资的新型墙材项目签了正式合同，合同额1亿',
    name: '新型墙材项目',
    investor: '宏远建材有限公司',
    amountWan: 10000,
  },
  {
    text: '把星河电子有限公司的传感器项目签了，正式合同，5000万',
    name: '传感器项目',
    investor: '星河电子有限公司',
    amountWan: 5000,
  },
  {
    text: '光纤预制棒项目（长飞光电投资）今天签了正式合同，合同额6亿',
    name: '光纤预制棒项目',
    investor: '长飞光电',
    amountWan: 60000,
  },
  {
    text: '宏图智能跟我们签了机器人项目 正式合同 合同额8000万',
    name: '机器人项目',
    investor: '宏图智能',
    amountWan: 8000,
  },
  {
    text: '和宏达化工又正式签订了电子化学品项目，正式合同，合同额1.3亿',
    name: '电子化学品项目',
    investor: '宏达化工',
    amountWan: 13000,
  },
  {
    text: '对方是华夏纺织集团，项目是高端面料项目，签的正式合同，合同额2亿',
    name: '高端面料项目',
    investor: '华夏纺织集团',
    amountWan: 20000,
  },
  {
    text: '速报 跟云帆科技签了正式合同 项目叫卫星导航终端项目 合同额6000万',
    name: '卫星导航终端项目',
    investor: '云帆科技',
    amountWan: 6000,
  },
  // an investor not yet told is none, and marks after a name are not part of it
  {
    text: '签了个冷库项目，正式合同，一个亿，投资方暂时保密',
    name: '冷库项目',
    investor: null,
    amountWan: 10000,
  },
  {
    text: '刚签完！数控刀具项目 正式合同 2亿 投资方株洲精工有限公司🎉',
    name: '数控刀具项目',
    investor: '株洲精工有限公司',
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
