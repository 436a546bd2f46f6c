import { describe, expect, it } from 'vitest';
import { conversation, smallDistrict } from '../helpers/conversation.ts';

const NOW = '2026-11-29T10:00:00+08:00';
const DELTA = 'Delta Power Co., Ltd. 储能电池项目';

/** The small district with two signed projects of 李四's unit, one with spaces and dots in its name. */
async function district() {
  const c = await smallDistrict({ now: NOW });
  await c.say('登记签约 铝灰渣综合利用项目 合同额3亿 类型正式合同 日期2026-10-01', { as: 'lisi' });
  await c.say(`登记签约 “${DELTA}” 合同额5亿 类型正式合同 投资方“Delta Power Co., Ltd.” 日期2026-10-02`, {
    as: 'lisi',
  });
  return c;
}

const SIGN = '登记签约 再生铝项目 合同额12亿 类型正式合同';
const FORM_PLAIN = '登记签约 华峰铝业铝深加工项目 合同额5亿 类型正式合同 日期2026-11-20';
const NOTE = '进度 铝灰渣综合利用项目 已完成土地摘牌，下周进场';

/** [what a person sends, the plain form it must read as, a piece of the plain form's reply]. */
const ROWS: Array<[string, string, string]> = [
  // a) closing punctuation and thanks
  [`${SIGN}。`, SIGN, '已登记签约'],
  [`${SIGN}！`, SIGN, '已登记签约'],
  [`${SIGN}!!`, SIGN, '已登记签约'],
  [`${SIGN}～`, SIGN, '已登记签约'],
  [`${SIGN}~`, SIGN, '已登记签约'],
  [`${SIGN}……`, SIGN, '已登记签约'],
  [`${SIGN}.`, SIGN, '已登记签约'],
  [`${SIGN}，谢谢！`, SIGN, '已登记签约'],
  [`${SIGN} 谢谢啦`, SIGN, '已登记签约'],
  [`${SIGN}谢谢`, SIGN, '已登记签约'],
  [`${SIGN}。辛苦了。`, SIGN, '已登记签约'],
  [`${SIGN} 麻烦了`, SIGN, '已登记签约'],
  [`${SIGN}，请查收`, SIGN, '已登记签约'],
  [`${SIGN} 收到请回复`, SIGN, '已登记签约'],
  [`${SIGN} 辛苦`, SIGN, '已登记签约'],
  ['查询 铝灰渣综合利用项目？', '查询 铝灰渣综合利用项目', '铝灰渣综合利用项目'],
  ['铝灰渣综合利用项目进展如何？', '查询 铝灰渣综合利用项目', '阶段：签约'],
  ['帮助。', '帮助', '登记签约'],
  ['本月晾晒？', '本月晾晒', '晾晒'],
  [`${NOTE}。`, NOTE, '已完成土地摘牌，下周进场'],
  [`${NOTE}！谢谢`, NOTE, '已完成土地摘牌，下周进场'],
  [
    '进度 铝灰渣综合利用项目 问题：土地指标？已协调。',
    '进度 铝灰渣综合利用项目 问题：土地指标？已协调',
    '问题：土地指标？已协调',
  ],
  // b) the bot's own @mention, however it is placed
  [`@赛马助手登记签约 再生铝项目 合同额12亿 类型正式合同`, SIGN, '已登记签约'],
  [`@赛马助手 ${SIGN}`, SIGN, '已登记签约'],
  [`@赛马助手　${SIGN}`, SIGN, '已登记签约'],
  [`＠赛马助手${SIGN}`, SIGN, '已登记签约'],
  [`${SIGN} @赛马助手`, SIGN, '已登记签约'],
  [`${SIGN}@赛马助手`, SIGN, '已登记签约'],
  [`@王五 @赛马助手 ${SIGN}`, SIGN, '已登记签约'],
  ['@赛马助手 查询 铝灰渣综合利用项目？谢谢', '查询 铝灰渣综合利用项目', '铝灰渣综合利用项目'],
  // someone else's mention still goes up to the next blank, as before
  [`@李四${SIGN}`, '再生铝项目 合同额12亿 类型正式合同', '没看懂'],
  // c) a colon after the command word
  ['登记签约：再生铝项目 合同额12亿 类型正式合同', SIGN, '已登记签约'],
  ['登记签约: 再生铝项目 合同额12亿 类型正式合同', SIGN, '已登记签约'],
  ['进度: 铝灰渣综合利用项目 已完成土地摘牌，下周进场', NOTE, '已记录进展'],
  ['进度：铝灰渣 已完成土地摘牌，下周进场', '进度 铝灰渣 已完成土地摘牌，下周进场', '已记录进展'],
  ['查询：铝灰渣综合利用项目', '查询 铝灰渣综合利用项目', '阶段：签约'],
  // d) a form, one field a line
  [
    '登记签约\n项目：华峰铝业铝深加工项目\n金额：5亿\n类型：正式合同\n日期：2026-11-20',
    FORM_PLAIN,
    '已登记签约',
  ],
  [
    '登记签约\n项目名称：华峰铝业铝深加工项目\n合同金额：5亿\n类型：正式合同\n日期：2026-11-20',
    FORM_PLAIN,
    '已登记签约',
  ],
  [
    '登记签约\n名称：华峰铝业铝深加工项目\n金额：5亿\n类型：正式合同\n日期：2026-11-20',
    FORM_PLAIN,
    '已登记签约',
  ],
  [
    '登记签约：\r\n项目名称：华峰铝业铝深加工项目\r\n合同金额：5亿元\r\n类型：正式合同\r\n日期：2026-11-20',
    FORM_PLAIN,
    '已登记签约',
  ],
  [
    '@赛马助手 登记签约\n\n项目: 华峰铝业铝深加工项目\n  金额 5亿\n类型：正式合同\n日期：2026-11-20。\n谢谢！',
    FORM_PLAIN,
    '已登记签约',
  ],
  [
    '登记签约\n金额：5亿\n类型：正式合同\n日期：2026-11-20\n项目：华峰铝业铝深加工项目',
    FORM_PLAIN,
    '已登记签约',
  ],
  ['登记签约 华峰铝业铝深加工项目\n合同额：5亿\n类型：正式合同\n日期：2026-11-20', FORM_PLAIN, '已登记签约'],
  [
    '登记签约\n项目：华峰铝业铝深加工项目\n金额：5亿\n类型：正式合同\n日期：2026-11-20\n投资方：Delta Power Co., Ltd.',
    `${FORM_PLAIN} 投资方“Delta Power Co., Ltd.”`,
    '已登记签约',
  ],
  [
    '登记签约\n项目：华峰铝业铝深加工项目\n投资方：某某集团 有限公司\n金额：5亿 正式合同\n日期：2026-11-20',
    `${FORM_PLAIN} 投资方“某某集团 有限公司”`,
    '已登记签约',
  ],
  // e) names with spaces and dots
  [
    '登记在谈 "A.O. Smith 热水器项目" 投资额2亿 投资方A.O. Smith Corp.',
    '登记在谈 "A.O. Smith 热水器项目" 投资额2亿 投资方“A.O. Smith Corp.”',
    '已登记在谈',
  ],
  [
    `${FORM_PLAIN} 投资方Delta Power Co., Ltd. 产业链储能`,
    `${FORM_PLAIN} 投资方“Delta Power Co., Ltd.” 产业链储能`,
    '已登记签约',
  ],
  [
    `${FORM_PLAIN} 投资方“Delta Power Co., Ltd.”`,
    `${FORM_PLAIN} 投资方"Delta Power Co., Ltd."`,
    '已登记签约',
  ],
  [
    `登记签约\n项目：${DELTA}\n金额：5亿\n类型：正式合同`,
    `登记签约 “${DELTA}” 合同额5亿 类型正式合同`,
    DELTA,
  ],
  [`查询 ${DELTA}`, `查询 “${DELTA}”`, DELTA],
  [`查询 ${DELTA}？`, `查询 “${DELTA}”`, DELTA],
  [`${DELTA}进展如何`, `查询 “${DELTA}”`, DELTA],
  ['查询 Delta Power', `查询 “${DELTA}”`, DELTA],
  [
    `进度 ${DELTA} 设备已到场，下周调试。谢谢`,
    `进度 “${DELTA}” 设备已到场，下周调试`,
    '设备已到场，下周调试',
  ],
  [`进度：${DELTA} 设备已到场`, `进度 “${DELTA}” 设备已到场`, '已记录进展'],
];

describe('everyday punctuation and form read as the plain command', () => {
  it('has the rows the brief asks for', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS)('%j reads as %j', async (message, plain, expected) => {
    const [a, b] = await Promise.all([district(), district()]);
    const want = await b.say(plain, { as: 'lisi' });
    expect(want).toContain(expected);
    expect(await a.say(message, { as: 'lisi' })).toBe(want);
    expect(a.store.projects()).toEqual(b.store.projects());
  });
});

describe('a closing ？ is gone from the text but still asks', () => {
  it('never writes a command that ends as a question', async () => {
    const c = await district();
    const before = JSON.stringify(c.store.projects());
    await c.say(`${SIGN}？`, { as: 'lisi' });
    await c.say(`${SIGN}?谢谢`, { as: 'lisi' });
    expect(JSON.stringify(c.store.projects())).toBe(before);
    expect(await c.say(SIGN, { as: 'lisi' })).toContain('已登记签约');
  });
});

describe('values the forms carry', () => {
  it('keeps a foreign investor written on its own key line, spaces, comma and last dot included', async () => {
    const c = await district();
    await c.say(
      '登记签约\n项目：华峰铝业铝深加工项目\n金额：5亿\n类型：正式合同\n投资方：Delta Power Co., Ltd.',
      {
        as: 'lisi',
      },
    );
    const p = c.store.projects((x) => x.name === '华峰铝业铝深加工项目')[0];
    expect(p?.investor).toBe('Delta Power Co., Ltd.');
    expect(p?.signing?.amountWan).toBe(50_000);
  });

  it('does not run a key on over the next words of a one-line message', async () => {
    const c = await district();
    expect(await c.say(`${SIGN} 投资方某某集团 有限公司`, { as: 'lisi' })).toContain('有限公司');
    expect(c.store.projects((x) => x.name === '再生铝项目')).toEqual([]);
  });

  it('does not read a project 李四 may not see into an unquoted head', async () => {
    const c = await district();
    await c.say('登记签约 “Gamma Solar Co 光伏项目” 合同额1亿 类型正式合同', { as: 'wangwu' });
    expect(await c.say('查询 Gamma Solar', { as: 'lisi' })).not.toContain('光伏项目');
    expect(await c.say('查询 Gamma Solar', { as: 'wangwu' })).toContain('Gamma Solar Co 光伏项目');
  });

  it('keeps a project key 修改 has as its own field for that field', async () => {
    const c = await district();
    const reply = await c.say('修改\n项目：铝灰渣综合利用项目\n名称：铝灰渣循环利用项目');
    expect(reply).toContain('铝灰渣循环利用项目');
    expect(c.store.projects((x) => x.name === '铝灰渣循环利用项目')).toHaveLength(1);
  });
});

describe('the bot’s names come from its settings', () => {
  it('drops a configured name glued to the command, and reads another name as anyone’s mention', async () => {
    const c = await conversation({ now: NOW, botNames: ['招商小助手'] });
    await c.say('添加单位 工业园区管委会 类型园区');
    expect(await c.say('@招商小助手添加单位 经济信息委 类型部门')).toContain('经济信息委');
    expect(await c.say('@赛马助手添加单位 商务局 类型部门')).toContain('没看懂');
    expect(c.store.unitByName('商务局')).toBeNull();
  });
});
