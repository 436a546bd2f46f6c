import { describe, expect, it } from 'vitest';
import { readFields } from '../../src/reader/fields.ts';
import { nfkcOf, normalize } from '../../src/reader/normalize.ts';

const BOT = { botNames: ['赛马助手', '招商小助手'] };

describe('normalize drops what a message closes with', () => {
  it.each([
    ['查询 再生铝。', '查询 再生铝', false],
    ['查询 再生铝！', '查询 再生铝', false],
    ['查询 再生铝？', '查询 再生铝', true],
    ['查询 再生铝?', '查询 再生铝', true],
    ['查询 再生铝～', '查询 再生铝', false],
    ['查询 再生铝…', '查询 再生铝', false],
    ['查询 再生铝……！！', '查询 再生铝', false],
    ['查询 再生铝. ', '查询 再生铝', false],
    ['查询 再生铝，谢谢！', '查询 再生铝', false],
    ['查询 再生铝？谢谢', '查询 再生铝', true],
    ['查询 再生铝谢谢啦', '查询 再生铝', false],
    ['查询 再生铝 辛苦了。', '查询 再生铝', false],
    ['查询 再生铝 麻烦您了', '查询 再生铝', false],
    ['查询 再生铝 请查收', '查询 再生铝', false],
    ['查询 再生铝。收到请回复！', '查询 再生铝', false],
    ['查询 再生铝 辛苦', '查询 再生铝', false],
    ['再生铝项目进展如何吗', '再生铝项目进展如何吗', true],
    ['有哪些签约未开工的呢？', '有哪些签约未开工的呢', true],
  ])('%j → %j (asked %s)', (raw, text, asked) => {
    const n = normalize(raw);
    expect(n.text).toBe(text);
    expect(n.asked).toBe(asked);
  });

  it('keeps a word that only ends a sentence when it is glued to it', () => {
    expect(normalize('进度 再生铝 工作很辛苦').text).toBe('进度 再生铝 工作很辛苦');
    expect(normalize('进度 再生铝 企业表示感谢').text).toBe('进度 再生铝 企业表示感谢');
  });

  it('keeps the dot that ends an abbreviation, and one of a run after it', () => {
    expect(normalize('投资方 Delta Power Co., Ltd.').text).toBe('投资方 Delta Power Co., Ltd.');
    expect(normalize('投资方 Delta Power Co., Ltd...').text).toBe('投资方 Delta Power Co., Ltd.');
    expect(normalize('合同额12亿.').text).toBe('合同额12亿');
  });

  it('keeps punctuation inside the message', () => {
    expect(normalize('进度 再生铝 问题：土地？已协调。').text).toBe('进度 再生铝 问题:土地?已协调');
  });

  it('leaves a message of nothing but closing words, so it is answered rather than empty', () => {
    expect(normalize('谢谢！').text).toBe('谢谢');
    expect(normalize('？').text).toBe('?');
    expect(normalize('？').asked).toBe(true);
  });

  it('gives free text back without its closing marks, its own punctuation kept', () => {
    const raw = '进度 再生铝 已完成土地摘牌，下周进场。谢谢！';
    const n = normalize(raw);
    const from = n.text.indexOf('已');
    expect(n.original(from)).toBe('已完成土地摘牌，下周进场');
    expect(n.original(0, 2)).toBe('进度');
  });
});

describe('normalize drops the bot’s own @mention', () => {
  it.each([
    ['@赛马助手登记签约 再生铝', '登记签约 再生铝'],
    ['@赛马助手 登记签约 再生铝', '登记签约 再生铝'],
    ['＠赛马助手　登记签约 再生铝', '登记签约 再生铝'],
    ['登记签约 再生铝 @赛马助手', '登记签约 再生铝'],
    ['登记签约 再生铝@赛马助手', '登记签约 再生铝'],
    ['登记签约 再生铝@赛马助手。', '登记签约 再生铝'],
    ['@招商小助手查询 再生铝', '查询 再生铝'],
    ['@张三 @赛马助手查询 再生铝', '查询 再生铝'],
    ['@张三查询 再生铝', '再生铝'],
  ])('%j → %j', (raw, text) => {
    expect(normalize(raw, BOT).text).toBe(text);
  });

  it('without names drops a mention up to the next blank, as before', () => {
    expect(normalize('@赛马助手 查询 再生铝').text).toBe('查询 再生铝');
    expect(normalize('@赛马助手查询 再生铝').text).toBe('再生铝');
  });

  it('leaves a mention out of free text it stands inside', () => {
    const n = normalize('进度 再生铝 已完成 @赛马助手 下周进场。', BOT);
    expect(n.original(n.text.indexOf('已'))).toBe('已完成 下周进场');
    expect(normalize('进度 再生铝 已完成＠赛马助手下周进场', BOT).original(7)).toBe('已完成下周进场');
  });

  it('gives free text after a glued mention back from its first character', () => {
    const n = normalize('@赛马助手进度 再生铝 已进场', BOT);
    expect(n.text).toBe('进度 再生铝 已进场');
    expect(n.original(n.text.indexOf('已'))).toBe('已进场');
  });
});

describe('normalize keeps line breaks, one a run', () => {
  it.each([
    ['登记签约\n项目：甲\n金额：5亿', '登记签约\n项目:甲\n金额:5亿'],
    ['登记签约\r\n项目：甲\r\n\r\n金额：5亿\r\n', '登记签约\n项目:甲\n金额:5亿'],
    ['登记签约 \n  项目：甲 \u2028金额：5亿', '登记签约\n项目:甲\n金额:5亿'],
    ['  登记签约　甲  ', '登记签约 甲'],
  ])('%j → %j', (raw, text) => {
    expect(normalize(raw).text).toBe(text);
  });
});

describe('readFields reads forms', () => {
  const grammar = {
    head: { key: 'name', names: ['项目名称', '项目', '名称'] },
    keys: { amount: { names: ['合同额', '金额'] }, investor: { names: ['投资方'] } },
    positionals: [{ key: 'type', accepts: (t: string) => t === '正式合同' }],
  };
  const read = (raw: string) => readFields(normalize(raw).text, grammar);

  it('takes a colon after the command word as no word', () => {
    expect(read(':甲项目 金额5亿')).toEqual({ name: '甲项目', amount: '5亿' });
  });

  it('fills the head from its key wherever it stands', () => {
    expect(read('金额:5亿\n项目：甲项目')).toEqual({ name: '甲项目', amount: '5亿' });
  });

  it('runs a value that begins its line on to the end of it, but not over a key or bare value', () => {
    expect(read('项目：Delta Power 储能\n投资方：Delta Power Co., Ltd.\n金额：5亿 正式合同')).toEqual({
      name: 'Delta Power 储能',
      investor: 'Delta Power Co., Ltd.',
      amount: '5亿',
      type: '正式合同',
    });
  });

  it('keeps spaces inside a quote that follows a key', () => {
    expect(read('甲项目 投资方“Delta Power Co., Ltd.” 金额5亿')).toEqual({
      name: '甲项目',
      investor: '“Delta Power Co., Ltd.”',
      amount: '5亿',
    });
  });

  it('runs a Latin name on over Latin words on a line shared with other fields, and nothing else', () => {
    expect(read('甲项目 投资方A.O. Smith Corp. 金额5亿')).toEqual({
      name: '甲项目',
      investor: 'A.O. Smith Corp.',
      amount: '5亿',
    });
    expect(() => read('甲项目 投资方某集团 有限公司')).toThrow(/有限公司/);
    expect(() => read('甲项目 投资方Delta 有限公司')).toThrow(/有限公司/);
  });

  it('marks a quoted head written under its key as quoted', () => {
    expect(read('项目：“甲 项目”\n金额：5亿')).toEqual({ name: '甲 项目', headQuoted: 'yes', amount: '5亿' });
  });

  it('reads a head of several words when a known name holds them', () => {
    const known = (s: string) => 'Delta Power Co., Ltd. 储能电池项目'.includes(s);
    expect(readFields('Delta Power Co., Ltd. 储能电池项目 金额5亿', grammar, undefined, known)).toEqual({
      name: 'Delta Power Co., Ltd. 储能电池项目',
      amount: '5亿',
    });
    expect(() => readFields('Delta Power 金额5亿', grammar)).toThrow(/Power/);
  });

  it('asks about a longer run of words only while the shorter one is part of a name', () => {
    const asked: string[] = [];
    const known = (s: string) => {
      asked.push(s);
      return '华峰 铝业 铝深加工项目'.includes(s);
    };
    expect(readFields('华峰 铝业 金额5亿', grammar, undefined, known)).toEqual({
      name: '华峰 铝业',
      amount: '5亿',
    });
    // 「华峰 铝业 金额5亿」 is in no name, and neither would be anything longer that starts with it
    expect(asked).toEqual(['华峰 铝业', '华峰 铝业 金额5亿']);
    asked.length = 0;
    expect(readFields('再生铝 金额5亿 投资方某某集团', grammar, undefined, known)).toMatchObject({
      name: '再生铝',
    });
    expect(asked).toEqual(['再生铝 金额5亿']);
  });
});

describe('the NFKC fast path', () => {
  it('gives NFKC itself for every code point', () => {
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const cp = String.fromCodePoint(code);
      if (nfkcOf(cp) !== cp.normalize('NFKC')) expect(`U+${code.toString(16)}`).toBe('its own NFKC form');
    }
  });
});
