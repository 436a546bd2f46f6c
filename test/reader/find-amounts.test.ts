import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAmounts } from '../../src/reader/find-amounts.ts';

type Row = [text: string, found: Array<{ span: string; wan: number; qualifier?: string; key?: string }>];

const ROWS: Row[] = [
  ['华峰铝业那个项目今天签了正式合同，5个亿', [{ span: '5个亿', wan: 50_000 }]],
  ['合同额7亿元', [{ span: '合同额7亿元', wan: 70_000, key: '合同额' }]],
  // the 人民币 after 两元 is that amount's: the next one must not reach back over it
  [
    '两元人民币十万',
    [
      { span: '两元人民币', wan: 0.0002 },
      { span: '十万', wan: 10 },
    ],
  ],
  ['合同金额4.6亿', [{ span: '合同金额4.6亿', wan: 46_000, key: '合同金额' }]],
  ['金额12亿', [{ span: '金额12亿', wan: 120_000, key: '金额' }]],
  ['本月到位8000万，附银行回单', [{ span: '到位8000万', wan: 8000, key: '到位' }]],
  ['到位资金3000万元已到账', [{ span: '到位资金3000万元', wan: 3000, key: '到位资金' }]],
  ['总投资约5亿元左右', [{ span: '总投资约5亿元左右', wan: 50_000, qualifier: '约', key: '总投资' }]],
  ['合同额：2,500万元整', [{ span: '合同额：2,500万元整', wan: 2500, key: '合同额' }]],
  [
    '计划投资二十个亿，一期先投3亿',
    [
      { span: '计划投资二十个亿', wan: 200_000, key: '计划投资' },
      { span: '3亿', wan: 30_000 },
    ],
  ],
  ['签约额为1.2亿', [{ span: '签约额为1.2亿', wan: 12_000, key: '签约额' }]],
  ['投资额 8 亿', [{ span: '投资额 8 亿', wan: 80_000, key: '投资额' }]],
  ['年产30万吨再生铝项目签约，合同额5亿', [{ span: '合同额5亿', wan: 50_000, key: '合同额' }]],
  ['6月1日开工，3家企业，2期工程', []],
  ['本月到账近3000万', [{ span: '到账近3000万', wan: 3000, qualifier: '近', key: '到账' }]],
  ['二亿四千万的项目', [{ span: '二亿四千万', wan: 24_000 }]],
  [
    '去年签了5亿多，今年超过8亿',
    [
      { span: '5亿多', wan: 50_000, qualifier: '多' },
      { span: '超过8亿', wan: 80_000, qualifier: '超过' },
    ],
  ],
  ['人民币3000万元', [{ span: '人民币3000万元', wan: 3000 }]],
  ['项目总投资12,000万元，用地200亩', [{ span: '总投资12,000万元', wan: 12_000, key: '总投资' }]],
  ['新增就业1万余人', []],
  ['投资5000万美元', []],
  ['装机容量5万千瓦，建筑面积3万平方米，存栏2万头', []],
  ['5.28签约，金额4.6亿', [{ span: '金额4.6亿', wan: 46_000, key: '金额' }]],
  ['一个5亿的项目', [{ span: '5亿', wan: 50_000 }]],
  ['3亿5的合同', [{ span: '3亿5', wan: 35_000 }]],
  ['5亿8个项目', [{ span: '5亿', wan: 50_000 }]],
  ['贰亿伍仟万元整', [{ span: '贰亿伍仟万元整', wan: 25_000 }]],
  ['十四五期间投资2亿', [{ span: '2亿', wan: 20_000 }]],
  ['先到0.5亿', [{ span: '0.5亿', wan: 5000 }]],
  [
    '合同额7亿元，到位资金8000万元',
    [
      { span: '合同额7亿元', wan: 70_000, key: '合同额' },
      { span: '到位资金8000万元', wan: 8000, key: '到位资金' },
    ],
  ],
  ['P2023-001 5亿', [{ span: '5亿', wan: 50_000 }]],
  ['千万不要忘记带凭证', []],
  ['2026年6月1日签约，20260601', []],
  ['增长12.5%，排名第3', []],
  ['亿纬锂能签约10亿', [{ span: '10亿', wan: 100_000 }]],
  ['项目签约约5亿', [{ span: '约5亿', wan: 50_000, qualifier: '约' }]],
  ['合同额是3个亿', [{ span: '合同额是3个亿', wan: 30_000, key: '合同额' }]],
  ['年产10万辆新能源汽车，百亿级产业集群', []],
  [
    '预计年产值50亿元、税收5亿元',
    [
      { span: '50亿元', wan: 500_000 },
      { span: '5亿元', wan: 50_000 },
    ],
  ],
];

describe('findAmounts finds every amount in a sentence, with its label', () => {
  it.each(ROWS)('%s', (text, expected) => {
    const found = findAmounts(text);
    expect(
      found.map((f) => ({
        span: text.slice(f.start, f.end),
        wan: f.wan,
        ...(f.qualifier ? { qualifier: f.qualifier } : {}),
        ...(f.key ? { key: f.key } : {}),
      })),
    ).toEqual(expected);
    for (const f of found) expect(text.slice(f.start, f.end).endsWith(f.raw)).toBe(true);
  });

  it('leaves the rest of the sentence when the span is cut out', () => {
    const text = '华峰铝业 合同额7亿元 正式合同';
    const [f] = findAmounts(text);
    expect(f && `${text.slice(0, f.start)}${text.slice(f.end)}`).toBe('华峰铝业  正式合同');
    expect(f?.raw).toBe('7亿元');
  });
});

describe('properties', () => {
  const prose = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc
      .array(
        fc.constantFrom(
          ...[
            '合同额',
            '到位',
            '金额',
            '约',
            '超过',
            '5',
            '0',
            '.',
            ',',
            ' ',
            '二',
            '两',
            '十',
            '千',
            '万',
            '亿',
          ],
          ...['个', '元', '整', '多', '吨', '月', '日', '号', '，', '签约', '项目', '人民币', '9'.repeat(40)],
        ),
        { maxLength: 40 },
      )
      .map((xs) => xs.join('')),
  );

  it('never throws, and spans lie inside the text in order without overlapping', () => {
    fc.assert(
      fc.property(prose, (text) => {
        let last = 0;
        for (const f of findAmounts(text)) {
          expect(f.start).toBeGreaterThanOrEqual(last);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.wan).toBeGreaterThan(0);
          expect(f.wan).toBeLessThanOrEqual(100_000_000);
          last = f.end;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds an amount written into any sentence, with its exact value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999 }),
        fc.constantFrom('项目签约了，', '华峰铝业', '今天', ''),
        fc.constantFrom('，附凭证', '的合同', ''),
        (n, before, after) => {
          const found = findAmounts(`${before}合同额${n}万元${after}`);
          expect(found.map((f) => [f.wan, f.key])).toEqual([[n, '合同额']]);
        },
      ),
    );
  });
});
