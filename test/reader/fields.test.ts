import { describe, expect, it } from 'vitest';
import { readFields } from '../../src/reader/fields.ts';
import { normalizeText } from '../../src/reader/normalize.ts';

const grammar = {
  head: { key: 'name' },
  keys: {
    amount: { names: ['合同额'] },
    type: { names: ['类型'] },
    enterprises: { names: ['对接企业'], list: true },
  },
};

describe('normalizeText', () => {
  it('drops @-mentions and folds full-width forms', () => {
    expect(normalizeText('@赛马助手 登记签约　再生铝：合同额１２亿，类型（正式合同）\n')).toBe(
      '登记签约 再生铝:合同额12亿,类型(正式合同)',
    );
  });
});

describe('readFields sorts words into fields', () => {
  it.each([
    ['再生铝 合同额12亿 类型正式合同'],
    ['再生铝 类型正式合同 合同额12亿'],
    ['再生铝,合同额:12亿;类型 正式合同'],
    ['再生铝、合同额 12亿、类型:正式合同'],
  ])('in any order and form: %s', (text) => {
    expect(readFields(text, grammar)).toEqual({ name: '再生铝', amount: '12亿', type: '正式合同' });
  });

  it('keeps quoted names whole', () => {
    expect(readFields('“年产 30 万吨 再生铝” 合同额12亿', grammar)).toMatchObject({
      name: '年产 30 万吨 再生铝',
    });
    expect(readFields('「A B」 合同额1亿', grammar)).toMatchObject({ name: 'A B' });
    expect(readFields('"A B" 合同额1亿', grammar)).toMatchObject({ name: 'A B' });
  });

  it('collects list fields across 、 and ,', () => {
    expect(readFields('深圳 对接企业某甲公司、某乙公司,某丙公司', grammar)).toMatchObject({
      enterprises: ['某甲公司', '某乙公司', '某丙公司'],
    });
  });

  it('refuses words it cannot place, and a field written twice', () => {
    expect(() => readFields('再生铝 合同额12亿 随便写写', grammar)).toThrow(/看不懂「随便写写」/);
    expect(() => readFields('再生铝 合同额12亿 合同额13亿', grammar)).toThrow(/写了两次/);
  });
});
