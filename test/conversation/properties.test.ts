import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zh } from '../../src/text/zh.ts';
import { corpusDistrict } from './corpus-world.ts';

/** Pieces of what people write in the groups, to build messages no one wrote down. */
const PIECES = [
  '华峰铝业',
  '再生铝项目',
  '铝合金',
  '荣信预制菜',
  '轻量化项目',
  'Delta Power Co., Ltd.',
  '那个项目',
  '今天',
  '昨天',
  '上周四',
  '月底',
  '明天',
  '5.28',
  '签了',
  '正式合同',
  '框架协议',
  '开工了',
  '建安类',
  '到位',
  '到账',
  '5个亿',
  '二亿四千万',
  '8000',
  '3000万',
  '1万亿',
  '卡在用地',
  '封顶',
  '终止',
  '不来了',
  '赴深圳',
  '拜访',
  '王副区长带队',
  '咋样了',
  '？',
  '吗',
  '本月排名',
  '我们排第几',
  '签约未开工',
  '怎么写',
  '取消',
  '1',
  '2',
  '是的',
  '，',
  '。',
  '！',
  ' ',
  '\n',
  '@赛马助手',
  '谢谢',
  '__proto__',
  '登级签约',
];

const message = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((xs) => xs.join('')),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

describe('messages no one wrote down', () => {
  it('never crash, and nothing but a confirmed write ever changes the ledger, over whole exchanges', async () => {
    const c = await corpusDistrict();
    const data = () =>
      JSON.stringify([c.store.projects(), c.store.trips(), c.store.units(), c.store.members()]);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(message, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('lisi', 'wangwu', 'zhangsan', 'admin'),
        async (texts, as) => {
          for (const text of texts) {
            const before = data();
            const answer = c.bot.handle({
              platform: 'fuzz',
              messageId: `f${n++}`,
              chatId: 'g',
              chatType: 'group',
              senderId: as,
              text,
            });
            expect(answer.title).not.toBe(zh.internalError);
            expect(JSON.stringify(answer)).not.toMatch(/\bat .*\.ts:\d+|TypeError|RangeError|undefined/);
            if (answer.tone !== 'ok') expect(data()).toBe(before);
          }
        },
      ),
      { numRuns: 1500 },
    );
  }, 120_000);
});

describe('what a reply quotes back', () => {
  it('never repeats more than 40 characters of a long message it could not use', async () => {
    const c = await corpusDistrict();
    // runs of characters that name nothing in the district, behind the words that start a report or a question
    const filler = fc.string({
      unit: fc.constantFrom(...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'),
      minLength: 45,
      maxLength: 200,
    });
    const start = fc.constantFrom(
      '',
      '登记签约 ',
      '到位资金 ',
      '查询 ',
      '进度 ',
      '登级签约 ',
      '合同额',
      '问题 ',
      '签了',
    );
    const tail = fc.constantFrom('', ' 合同额5亿', ' 类型正式合同', ' 日期', '？', ' 5');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        start,
        filler,
        tail,
        fc.constantFrom('lisi', 'admin', 'zhangsan'),
        async (s, f, t, as) => {
          const text = `${s}${f}${t}`;
          const answer = await c.say(text, { as, id: `e${n++}` });
          for (let i = 0; i + 41 <= f.length; i += 7) expect(answer).not.toContain(f.slice(i, i + 41));
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
