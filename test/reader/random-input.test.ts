import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.ts';
import { parseAmount } from '../../src/reader/amount.ts';
import { parseDate } from '../../src/reader/date.ts';
import { smallDistrict } from '../helpers/conversation.ts';

const FRAGMENTS = [
  '登记签约',
  '登记在谈',
  '登记开工',
  '到位资金',
  '进度',
  '问题',
  '外出招商',
  '终止项目',
  '撤销',
  '查询',
  '修改',
  '设置目标',
  '绑定本群',
  '揭榜',
  '帮助',
  '进展如何',
  '合同额',
  '类型',
  '日期',
  '正式合同',
  '框架协议',
  '建安类',
  '凭证',
  '原因',
  '带队',
  '对接企业',
  '单位',
  '账号',
  '角色',
  '5亿',
  '十二亿',
  '三点五',
  '8000万',
  '12',
  '万',
  '亿',
  '元',
  '2023-06-01',
  '6月1日',
  '昨天',
  '2023年',
  '报告目标',
  '全区',
  '再生铝',
  'P2023-001',
  '“',
  '”',
  '「',
  '」',
  '"',
  ' ',
  '　',
  '，',
  ',',
  '、',
  '；',
  ':',
  '：',
  '@机器人',
  '\n',
  '１２',
  '（',
  '）',
  '?',
  'toString',
  '__proto__',
  'constructor',
];

const messages = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((xs) => xs.join('')),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('random input', () => {
  it('never crashes the reader: amounts and dates only ever refuse politely', () => {
    fc.assert(
      fc.property(messages, (text) => {
        for (const read of [
          () => parseAmount(text),
          () => parseDate(text, new Date('2023-06-30T02:00:00Z')),
        ]) {
          try {
            read();
          } catch (e) {
            expect(isUserError(e)).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('always gets a reply without a stack trace, and a refusal never writes', async () => {
    const { bot, store } = await smallDistrict();
    await smallDistrict();
    let n = 0;
    // what people count on; a question the bot asks is kept too, but that is not a write of theirs
    const data = () => JSON.stringify([store.projects(), store.trips(), store.units(), store.members()]);
    fc.assert(
      fc.property(messages, fc.constantFrom('admin', 'lisi', 'zhangsan', 'nobody'), (text, as) => {
        const before = data();
        const answer = bot.handle({
          platform: 'fuzz',
          messageId: `m${n++}`,
          chatId: 'g',
          chatType: 'group',
          senderId: as,
          text,
        });
        expect(answer.title.length).toBeGreaterThan(0);
        expect(JSON.stringify(answer)).not.toMatch(/\bat .*\.ts:\d+|TypeError|ReferenceError|undefined/);
        expect(answer.title).not.toMatch(/抱歉，处理这条消息时出了问题/);
        if (answer.tone !== 'ok') expect(data()).toBe(before);
      }),
      { numRuns: 3000 },
    );
  });
});
