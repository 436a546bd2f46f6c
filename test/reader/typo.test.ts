import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { CommandGuesser, guessCommand } from '../../src/reader/typo.ts';

const TRIGGERS = commands.flatMap((s) => s.triggers);
const guesser = new CommandGuesser(TRIGGERS);

/** [what was typed, the trigger meant, the arguments left over] */
const TYPOS: ReadonlyArray<[string, string, string]> = [
  // Homophones: the wrong pinyin candidate picked.
  ['登级签约 铝灰渣综合利用项目 5亿', '登记签约', '铝灰渣综合利用项目 5亿'],
  ['蹬记开工 铝灰渣综合利用项目', '登记开工', '铝灰渣综合利用项目'],
  ['到为资金 新能源电池项目 3000万', '到位资金', '新能源电池项目 3000万'],
  ['等记在谈 光伏发电项目', '登记在谈', '光伏发电项目'],
  ['登记签越 智能制造产业园', '登记签约', '智能制造产业园'],
  ['外出招上 深圳 3天', '外出招商', '深圳 3天'],
  ['中止项目 光伏发电项目', '终止项目', '光伏发电项目'],
  ['登记开公', '登记开工', ''],
  ['本月凉晒', '本月晾晒', ''],
  ['全区近度', '全区进度', ''],
  ['撤消', '撤销', ''],
  ['登记再谈 生物医药产业园', '登记在谈', '生物医药产业园'],
  ['新增再谈 生物医药产业园', '新增在谈', '生物医药产业园'],
  ['签越登记 绿色建材项目', '签约登记', '绿色建材项目'],
  ['新签越 绿色建材项目', '新签约', '绿色建材项目'],
  ['项目开公 绿色建材项目', '项目开工', '绿色建材项目'],
  ['资金到为 绿色建材项目 500万', '资金到位', '绿色建材项目 500万'],
  ['登记到为 绿色建材项目 500万', '登记到位', '绿色建材项目 500万'],
  ['上保进度 绿色建材项目 已完成主体', '上报进度', '绿色建材项目 已完成主体'],
  ['进展上保 绿色建材项目', '进展上报', '绿色建材项目'],
  ['存在问提 绿色建材项目 用地未落实', '存在问题', '绿色建材项目 用地未落实'],
  ['本期无近展 绿色建材项目', '本期无进展', '绿色建材项目'],
  ['问提已解决 绿色建材项目', '问题已解决', '绿色建材项目'],
  ['问提解决 绿色建材项目', '问题解决', '绿色建材项目'],
  ['解决问提 绿色建材项目', '解决问题', '绿色建材项目'],
  ['外出招伤', '外出招商', ''],
  ['招上外出 上海', '招商外出', '上海'],
  ['休改外出 上海', '修改外出', '上海'],
  ['终只项目 绿色建材项目', '终止项目', '绿色建材项目'],
  ['项目中止 绿色建材项目', '项目终止', '绿色建材项目'],
  ['撤会', '撤回', ''],
  ['查寻 绿色建材项目', '查询', '绿色建材项目'],
  ['项目详请 绿色建材项目', '项目详情', '绿色建材项目'],
  ['我的项木', '我的项目', ''],
  ['本月排明', '本月排名', ''],
  ['上月凉晒', '上月晾晒', ''],
  ['上月牌名', '上月排名', ''],
  ['季度凉晒', '季度晾晒', ''],
  ['本季度凉晒', '本季度晾晒', ''],
  ['上季度亮晒', '上季度晾晒', ''],
  ['年度牌名', '年度排名', ''],
  ['年度考和', '年度考核', ''],
  ['总体请况', '总体情况', ''],
  ['全区情矿', '全区情况', ''],
  ['上半年总节', '上半年总结', ''],
  ['半年总洁', '半年总结', ''],
  ['下半年总节', '下半年总结', ''],
  ['全年总节', '全年总结', ''],
  ['单位近度 经信局', '单位进度', '经信局'],
  ['我们单为', '我们单位', ''],
  ['本单位近度', '本单位进度', ''],
  ['专班近度 新能源专班', '专班进度', '新能源专班'],
  ['产业连进度', '产业链进度', ''],
  ['领导外初', '领导外出', ''],
  ['外出情矿', '外出情况', ''],
  ['签约为开工', '签约未开工', ''],
  ['调度清丹', '调度清单', ''],
  ['项目掉度清单', '项目调度清单', ''],
  ['在谈超其', '在谈超期', ''],
  ['哪些再谈项目', '哪些在谈项目', ''],
  ['英熊榜', '英雄榜', ''],
  ['招商英熊榜', '招商英雄榜', ''],
  ['查看设知', '查看设置', ''],
  ['设只列表', '设置列表', ''],
  ['帮住', '帮助', ''],
  ['菜丹', '菜单', ''],
  ['添加单为 经信局', '添加单位', '经信局'],
  ['新增单为 经信局', '新增单位', '经信局'],
  ['添加成圆 张三 经信局', '添加成员', '张三 经信局'],
  ['新增成园 张三', '新增成员', '张三'],
  ['停用城员 张三', '停用成员', '张三'],
  ['尽用成员 张三', '禁用成员', '张三'],
  ['起用成员 张三', '启用成员', '张三'],
  ['回复成员 张三', '恢复成员', '张三'],
  ['删出成员 张三', '删除成员', '张三'],
  ['移出成员 张三', '移除成员', '张三'],
  ['单为改名 经信局 工信局', '单位改名', '经信局 工信局'],
  ['设制目标 5亿', '设置目标', '5亿'],
  ['目标设制 5亿', '目标设置', '5亿'],
  ['设制专班 新能源专班', '设置专班', '新能源专班'],
  ['专班设制 新能源专班', '专班设置', '新能源专班'],
  ['推送预揽', '推送预览', ''],
  ['提醒预揽', '提醒预览', ''],
  ['报送提醒预揽', '报送提醒预览', ''],
  ['立即推宋', '立即推送', ''],
  ['推送状太', '推送状态', ''],
  ['帮定本群', '绑定本群', ''],
  ['本群帮定', '本群绑定', ''],
  ['接榜 1号榜', '揭榜', '1号榜'],
  ['发帮', '发榜', ''],
  // Sounds people confuse on pinyin keyboards.
  ['外出糟商', '外出招商', ''], // z/zh
  ['外出招桑', '外出招商', ''], // s/sh and an/ang
  ['在谈操期', '在谈超期', ''], // c/ch
  ['惨业链进度', '产业链进度', ''], // c/ch and an/ang
  ['连度排名', '年度排名', ''], // n/l
  ['崩月晾晒', '本月晾晒', ''], // en/eng
  ['全区经度', '全区进度', ''], // in/ing
  ['专帮进度', '专班进度', ''], // an/ang
  // One character missing, extra, doubled or swapped.
  ['登签约 铝灰渣综合利用项目', '登记签约', '铝灰渣综合利用项目'],
  ['到资金 绿色建材项目 100万', '到位资金', '绿色建材项目 100万'],
  ['本月晾', '本月晾晒', ''],
  ['签约未工', '签约未开工', ''],
  ['登记了签约 绿色建材项目', '登记签约', '绿色建材项目'],
  ['登记签签约绿色建材项目', '登记签约', '绿色建材项目'],
  ['项目调调度清单', '项目调度清单', ''],
  ['记登签约 绿色建材项目', '登记签约', '绿色建材项目'],
  ['外出商招', '外出招商', ''],
  // Blanks inside the command word.
  ['本月 晾晒', '本月晾晒', ''],
  ['登记 签约 绿色建材项目', '登记签约', '绿色建材项目'],
];

const ORDINARY: readonly string[] = [
  // Exact triggers at the start are the matcher's, not typos.
  '登记签约',
  '登记签约 铝灰渣综合利用项目 5亿',
  '签约未开工有哪些',
  '进度',
  '进度 铝灰渣综合利用项目 已完成主体',
  '问题已经解决了',
  '我们单位本月',
  '上榜了吗',
  '菜单',
  'help',
  'HELP',
  '?',
  '我的项目',
  // Project names.
  '铝灰渣综合利用项目',
  '铝灰渣综合利用项目进展顺利',
  '登山项目今天开工',
  '金都花园项目签约了',
  '新能源电池项目',
  '智能制造产业园',
  '光伏发电项目',
  '生物医药产业园',
  '绿色建材项目',
  '年产10万吨铝型材项目',
  '一号项目',
  // Reports in sentences.
  '我单位本月签约两个项目',
  '我单位, 本月签约两个项目',
  '本期有进展',
  '签约已开工的项目',
  '上半年总计签约50亿元',
  '全区经济运行情况',
  '全区签约情况',
  '项目终于开工了',
  '终于签约了',
  '中止合同',
  '资金到账了',
  '我们的项目进展顺利',
  '明天去深圳招商',
  '外出考察',
  '外出开会',
  '上班打卡',
  '招商引资工作',
  '接待客商',
  '客商来访',
  '今天的进度怎么样',
  '近期工作安排',
  '设计方案已经报上去了',
  '修缮工程',
  '撤资了',
  '等级评定',
  // Questions.
  '到位了吗',
  '项目开通了吗',
  '这个项目什么时候开工',
  '本月签约了几个项目',
  '资金什么时候到位',
  '哪些项目在谈',
  '谁负责这个项目',
  '怎么登记',
  '如何使用',
  '请问在吗',
  '上报了吗',
  '年度目标完成了吗',
  '经度多少',
  '问下进度',
  '帮我查一下',
  '查一下项目',
  '月度总结',
  '季度总结',
  '项目进度',
  // Chit-chat and scraps.
  '你好',
  '谢谢',
  '早上好',
  '收到',
  '好的',
  '辛苦了',
  '领导好',
  '今天天气不错',
  '上班了',
  '开会了',
  '英雄联盟',
  '帮忙看看',
  '我的天',
  '等一下',
  '登录不了',
  '登记一下',
  '外出了',
  '上报',
  '到位',
  '本月',
  '签约',
  '开工',
  '晾晒',
  '谈判进展',
  '123',
  '',
  '👍',
];

describe('guessing a mistyped command word', () => {
  it('has enough rows to mean something', () => {
    expect(TYPOS.length).toBeGreaterThanOrEqual(60);
    expect(ORDINARY.length).toBeGreaterThanOrEqual(60);
    for (const [, trigger] of TYPOS) expect(TRIGGERS).toContain(trigger);
  });

  it.each(TYPOS)('reads %s as %s', (text, trigger, rest) => {
    const guess = guesser.guess(text);
    expect(guess).toEqual({ trigger, typed: expect.any(String), rest });
    expect(text.startsWith(guess?.typed ?? '\u0000')).toBe(true);
    expect(text.slice(guess?.typed.length).trim()).toBe(rest);
  });

  it.each(ORDINARY)('takes %s for no command', (text) => {
    expect(guesser.guess(text)).toBeNull();
  });

  it('says what was typed in place of the trigger, blanks included', () => {
    expect(guesser.guess('本月 晾晒 经信局')).toEqual({
      trigger: '本月晾晒',
      typed: '本月 晾晒',
      rest: '经信局',
    });
    expect(guesser.guess('登签约: 绿色建材项目')).toEqual({
      trigger: '登记签约',
      typed: '登签约',
      rest: ': 绿色建材项目',
    });
  });

  it('needs a missing or extra character to stand alone, since inside a sentence it is another word', () => {
    expect(guesser.guess('登签约 绿色建材项目')?.trigger).toBe('登记签约');
    expect(guesser.guess('登签约绿色建材项目')).toBeNull();
    expect(guesser.guess('我单位 本月')?.trigger).toBe('我们单位');
    expect(guesser.guess('我单位本月')).toBeNull();
  });

  it('prefers the longer trigger the typing matches over a short one inside it', () => {
    expect(guesser.guess('问提已解决')?.trigger).toBe('问题已解决');
    expect(guesser.guess('问提')?.trigger).toBe('问题');
  });

  it('gives the same answer through guessCommand, reusing one guesser per list', () => {
    expect(guessCommand('登级签约 x', TRIGGERS)).toEqual(guesser.guess('登级签约 x'));
    expect(guessCommand('你好', TRIGGERS)).toBeNull();
  });

  it('judges only Han triggers by sound and ignores Latin ones', () => {
    const own = new CommandGuesser(['help', '?', '登记签约']);
    expect(own.guess('hlep')).toBeNull();
    expect(own.guess('登级签约')?.trigger).toBe('登记签约');
  });
});

/** Characters from the triggers, their homophones and everyday words, so random text lands near triggers. */
const POOL = [
  ...new Set([
    ...TRIGGERS.join(''),
    ...'级蹬为等越上凉近消再提保木明牌和请矿节洁初丹其熊知住 ,:我你的了吗是不在有个项目',
  ]),
];
const nearText = fc.array(fc.constantFrom(...POOL), { maxLength: 20 }).map((chars) => chars.join(''));

describe('guessing never misbehaves', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), nearText), (text) => {
        const guess = guesser.guess(text);
        if (guess) {
          expect(TRIGGERS).toContain(guess.trigger);
          expect(text.includes(guess.typed)).toBe(true);
        }
      }),
    );
  });

  it('never guesses when the message starts with a trigger as written', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRIGGERS),
        fc.oneof(nearText, fc.string({ maxLength: 20 })),
        (trigger, rest) => {
          expect(guesser.guess(trigger + rest)).toBeNull();
        },
      ),
    );
  });
});
