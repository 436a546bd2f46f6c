import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/core/command.ts';
import { reply } from '../../src/core/reply.ts';
import { field, readerOf, schemaOf } from '../../src/reader/args.ts';
import { readFields } from '../../src/reader/fields.ts';

const now = new Date('2023-07-01T12:00:00+08:00');
const instalment = {
  name: field.project(),
  amount: field.amount('到位金额', { synonyms: ['金额'], bare: true }),
  evidence: field.text('凭证', { synonyms: ['依据'], optional: true }),
  date: field.pastDate('到位日期', { synonyms: ['日期'], optional: true }),
};

function read(text: string) {
  return schemaOf(instalment)(now).safeParse(readFields(text, readerOf(instalment)));
}

describe('an argument declared once is both a key the reader knows and a value the schema checks', () => {
  it('reads the label and every synonym as the key, and checks the value', () => {
    expect(read('再生铝 到位金额8000万 凭证银行回单').data).toEqual({
      name: '再生铝',
      amount: 8000,
      evidence: '银行回单',
    });
    expect(read('再生铝 金额1亿 依据验资报告 日期2023-06-30').data).toEqual({
      name: '再生铝',
      amount: 10000,
      evidence: '验资报告',
      date: '2023-06-30',
    });
  });

  it('takes a bare value where the field says it may stand without its key', () => {
    expect(read('再生铝 8000万').data).toMatchObject({ amount: 8000 });
  });

  it('answers in Chinese when a required field is missing or a value is wrong', () => {
    expect(read('再生铝 凭证银行回单').error?.issues[0]?.message).toBe('缺少「到位金额」。');
    expect(read('再生铝 金额8000万 日期2099-01-01').error?.issues[0]?.message).toMatch(/在今天之后/);
  });

  it('lets a command without arguments leave them out and still read the rest as conversation', () => {
    const spec = defineCommand({
      id: 'list',
      triggers: ['签约未开工'],
      summary: '',
      usage: '',
      examples: [],
      access: 'member',
      writes: false,
      handle: () => reply('info', ''),
    });
    expect(spec.grammar).toEqual({});
    expect(spec.schema(now).safeParse(readFields('有哪些', spec.grammar)).success).toBe(true);
  });
});
