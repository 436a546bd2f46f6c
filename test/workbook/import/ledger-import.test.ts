import { describe, expect, it } from 'vitest';
import {
  ALUMINIUM,
  type BureauCell,
  importWorkbook,
  messyLedger,
  plainWorkbook,
} from '../../helpers/bureau-workbook.ts';
import { smallDistrict } from '../../helpers/conversation.ts';
import { journalOf } from '../../helpers/test-store.ts';

const READY_MEALS: BureauCell[] = [
  2,
  '荣信集团预制菜加工项目',
  '经济信息委',
  '荣信集团',
  '食品加工',
  '3.5',
  '2023年4月8日',
  '1,200.5',
  '框架协议',
  null,
  null,
  null,
  null,
  null,
  '王五',
  null,
];
const ALUMINIUM_ASH: BureauCell[] = [
  3,
  '铝灰渣综合利用及铝深加工项目',
  '工业园区管委会',
  '某铝业',
  '铝产业',
  2,
  '2023.3.5',
  { formula: 'H5/10', result: 12000 },
  '正式',
  '2023/06/01',
  '设备购置',
  null,
  '500',
  null,
  null,
  null,
];
const NEGOTIATING: BureauCell[] = [
  4,
  '爱宠生物项目',
  '经济信息委',
  '爱宠生物',
  '生物医药',
  1,
  null,
  null,
  null,
  null,
];

describe('importing a bureau’s own 台账 (npm run import)', () => {
  it('reads a messy ledger: merged title rows, a two-row header, 亿元 and 万元 columns, serials and text dates, and skips 合计/小计 and blank rows', async () => {
    const c = await smallDistrict();
    const file = await messyLedger([ALUMINIUM, READY_MEALS, [], ALUMINIUM_ASH, NEGOTIATING]);
    const { text, failed } = await importWorkbook(c, file);
    expect(failed).toBe(false);
    expect(text).toContain('新增 4，更新 0，未变 0');
    expect(text).toContain('＋ 第 5 行 P2023-001 年产30万吨再生铝项目');
    expect(text).toContain('不导入的列：「序号」、「到位资金（万元）／本年」、「备注」');
    expect(text).toContain('跳过 3 行（合计/小计行 2 行，空行 1 行）');
    const [aluminium, meals, ash, pets] = ['P2023-001', 'P2023-002', 'P2023-003', 'P2023-004'].map((id) =>
      c.store.project(id),
    );
    // 12.5亿 is exactly 125000 万元; 1,200.5 万元 stays 1200.5
    expect(aluminium).toMatchObject({
      investmentWan: 125000,
      investor: '某某集团',
      chain: '铝产业',
      leaderName: '张三',
      ownerName: '李四',
      stage: '开工',
      signing: { type: '正式合同', date: '2023-03-05', amountWan: 120000, startDeadline: '2024-03-31' },
      start: { type: '建安类', date: '2023-05-10' },
    });
    expect(aluminium?.instalments.map((i) => [i.date, i.amountWan])).toEqual([['2023-06-30', 8000]]);
    expect(meals).toMatchObject({
      investmentWan: 35000,
      stage: '签约',
      signing: { type: '框架协议', amountWan: 1200.5 },
    });
    // a formula is read by its saved result; 2023.3.5 and 2023/06/01 are dates
    expect(ash).toMatchObject({
      signing: { amountWan: 12000, date: '2023-03-05' },
      start: { date: '2023-06-01' },
    });
    expect(pets).toMatchObject({ stage: '在谈', negotiationSince: '2023-06-30', signing: null });
    expect(await c.say('上半年总结')).toContain(
      '全区签订正式合同2个；正式合同额13.2亿元；累计认定开工项目2个',
    );
  });

  it('reads a 牵头单位 merged down several rows into each of them, and full-width names as the chat keeps them', async () => {
    const c = await smallDistrict();
    await c.say('登记在谈 再生铝(一期)项目 投资方某某集团', { as: 'lisi' });
    const first: BureauCell[] = [1, '再生铝（一期）项目', '工业园区管委会', '某某集团', '铝产业', 1];
    const second: BureauCell[] = [2, '铝型材项目', null, '某铝业', '铝产业', 1];
    const file = await messyLedger([first, second], { extra: (wb) => wb.worksheets[0]?.mergeCells('C5:C6') });
    const { text } = await importWorkbook(c, file);
    expect(text).toContain('新增 1，更新 1，未变 0');
    expect(text).toContain(
      '～ 第 5 行 P2023-001 再生铝(一期)项目：产业链 （空） → 铝产业；投资额 （空） → 1亿元',
    );
    const unitOf = (name: string) => c.store.projects().find((p) => p.name === name)?.unitId;
    expect(unitOf('铝型材项目')).toBe(unitOf('再生铝(一期)项目'));
  });

  it('names every problem by row and column, writes nothing, and fails', async () => {
    const c = await smallDistrict();
    const seq = c.store.seq;
    const bad: BureauCell[][] = [
      ALUMINIUM,
      [2, '城北物流园项目', '城北新区', '某物流', '物流', 3, '2023-04-01', '约5个亿', '正式合同'],
      [
        3,
        '某某酒店项目',
        '经济信息委',
        '某酒店',
        '文旅',
        1,
        '下个月',
        3000,
        '正式合同',
        null,
        null,
        null,
        null,
        '赵六',
      ],
      [4, '某某电池项目', '经济信息委', '某电池', '新能源', 1, '2023-07-15', 3000, null],
      [5, '某某设备项目', '经济信息委', '某设备', '装备', 1, '2023-02-30', 3000, '合作协议'],
    ];
    const { text, failed } = await importWorkbook(c, await messyLedger(bad));
    expect(failed).toBe(true);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        '没有导入：发现 8 处问题，改好后再导入（什么都没有写入）。',
        '［2023年项目台账］第 6 行 合同额：看不懂「约5个亿」',
        '［2023年项目台账］第 6 行 责任单位：单位「城北新区」不存在：请先「添加单位」，或改成已有单位的名称',
        expect.stringMatching(/^［2023年项目台账］第 7 行 签约日期：看不懂日期「下个月」/),
        '［2023年项目台账］第 7 行 包联领导：「赵六」不在成员名单上：请先「添加成员」，或改成成员的姓名',
        '［2023年项目台账］第 8 行 签约日期：2023-07-15 在今天之后：已发生的事不能是未来的日期',
        '［2023年项目台账］第 8 行 合同类型：有签约信息却没写合同类型（正式合同、框架协议或意向协议），不会猜',
        '［2023年项目台账］第 9 行 签约日期：日期「2023-02-30」不存在',
        '［2023年项目台账］第 9 行 合同类型：看不懂「合作协议」，应为 正式合同、框架协议、意向协议 之一',
      ]),
    );
    // the good first row was not written either
    expect(c.store.seq).toBe(seq);
    expect(c.store.projects()).toEqual([]);
  });

  it('shows with --dry-run what would be added and changed, and writes nothing', async () => {
    const c = await smallDistrict();
    await importWorkbook(c, await messyLedger([ALUMINIUM]));
    const seq = c.store.seq;
    const corrected = [...ALUMINIUM];
    corrected[7] = 130000;
    const { text } = await importWorkbook(c, await messyLedger([corrected, READY_MEALS]), { dryRun: true });
    expect(text).toContain('试导入「台账.xlsx」（--dry-run，没有写入）');
    expect(text).toContain('新增 1，更新 1，未变 0');
    expect(text).toContain('＋ 第 6 行 （新编号） 荣信集团预制菜加工项目');
    expect(text).toContain('～ 第 5 行 P2023-001 年产30万吨再生铝项目：合同额 12亿元 → 13亿元');
    expect(c.store.seq).toBe(seq);
    expect(c.store.project('P2023-001')?.signing?.amountWan).toBe(120000);
    expect(c.store.projects()).toHaveLength(1);
  });

  it('re-imports the same file as nothing new, and a corrected one as the changed fields only', async () => {
    const c = await smallDistrict();
    const file = await messyLedger([ALUMINIUM, READY_MEALS, ALUMINIUM_ASH]);
    await importWorkbook(c, file);
    const seq = c.store.seq;
    const again = await importWorkbook(c, file);
    expect(again.text).toContain('新增 0，更新 0，未变 3');
    expect(again.text).toContain('台账与系统里的一致，没有需要写入的内容。');
    expect(c.store.seq).toBe(seq);

    const corrected = [...ALUMINIUM];
    corrected[7] = 130000;
    corrected[12] = 9000;
    corrected[15] = '已更正';
    const fixed = await importWorkbook(c, await messyLedger([corrected, READY_MEALS, ALUMINIUM_ASH]));
    expect(fixed.text).toContain('新增 0，更新 1，未变 2');
    expect(fixed.text).toContain(
      '～ 第 5 行 P2023-001 年产30万吨再生铝项目：合同额 12亿元 → 13亿元；到位资金 1 笔 8000万元 → 2 笔 9000万元',
    );
    expect(c.store.seq).toBe(seq + 1);
    expect(
      (await importWorkbook(c, await messyLedger([corrected, READY_MEALS, ALUMINIUM_ASH]))).text,
    ).toContain('新增 0，更新 0，未变 3');
  });

  it('matches a project by its exact name within its unit: the same name in another unit is another project', async () => {
    const c = await smallDistrict();
    await c.say(
      '登记签约 年产30万吨再生铝项目 合同额12亿 投资方某某集团 产业链铝产业 类型正式合同 日期2023-03-05',
      {
        as: 'lisi',
      },
    );
    const elsewhere = [...ALUMINIUM];
    elsewhere[2] = '经济信息委';
    const { text } = await importWorkbook(c, await messyLedger([ALUMINIUM, elsewhere]), { dryRun: true });
    expect(text).toContain('新增 1，更新 1，未变 0');
    expect(text).toMatch(/～ 第 5 行 P2023-001 年产30万吨再生铝项目：.*投资额 （空） → 12\.5亿元/);
    expect(text).toContain('＋ 第 6 行 （新编号） 年产30万吨再生铝项目');
  });

  it('takes the stage from the dates, refuses a stage they contradict, and never brings a terminated project back', async () => {
    const c = await smallDistrict();
    await c.say('登记在谈 旧厂房改造项目 投资方某某', { as: 'lisi' });
    await c.say('终止项目 旧厂房改造项目 原因企业战略调整 日期2023-06-01', { as: 'lisi' });
    const sheet = (rows: BureauCell[][]) =>
      plainWorkbook({
        项目台账: [
          ['项目名称', '责任单位', '阶段', '签约日期', '合同额（万元）', '合同类型', '终止日期'],
          ...rows,
        ],
      });
    const { text, failed } = await importWorkbook(
      c,
      await sheet([
        ['旧厂房改造项目', '工业园区管委会', '在谈'],
        ['再生铝项目', '工业园区管委会', '开工', '2023-03-05', 1000, '正式合同'],
        ['铝箔项目', '工业园区管委会', '终止'],
      ]),
    );
    expect(failed).toBe(true);
    expect(text).toContain(
      '第 2 行 阶段：写的是「在谈」，但项目已于 2023-06-01 终止：导入不会恢复终止的项目',
    );
    expect(text).toContain('第 3 行 阶段：写的是「开工」，但按签约、开工日期项目应是「签约」');
    expect(text).toContain('第 4 行 终止日期：终止的项目要写终止日期');
    const fine = await importWorkbook(
      c,
      await sheet([
        ['再生铝项目', '工业园区管委会', null, '2023-03-05', 1000, '正式合同'],
        ['铝箔项目', '工业园区管委会', '终止', null, null, null, '2023-05-01'],
        ['铝灰项目', '工业园区管委会', '线索'],
      ]),
    );
    expect(fine.text).toContain('新增 3，更新 0，未变 0');
    expect(c.store.projects().map((p) => [p.name, p.stage])).toEqual([
      ['旧厂房改造项目', '终止'],
      ['再生铝项目', '签约'],
      ['铝箔项目', '终止'],
      ['铝灰项目', '线索'],
    ]);
  });

  it('takes a project’s 到位资金 from the 明细 sheet, checks it against the 合计, and a corrected 明细 replaces it', async () => {
    const c = await smallDistrict();
    const header = ['项目名称', '责任单位', '签约日期', '合同额（万元）', '合同类型', '到位资金合计（万元）'];
    const projects = [
      header,
      ['再生铝项目', '工业园区管委会', '2023-03-05', 120000, '正式合同', 3000],
      ['预制菜项目', '经济信息委', '2023-04-01', 5000, '正式合同', 900],
    ];
    const detail = (rows: BureauCell[][]) => [['项目名称', '到位日期', '到位金额（亿元）', '凭证'], ...rows];
    const wrong = await importWorkbook(
      c,
      await plainWorkbook({
        项目台账: projects,
        到位资金明细: detail([
          ['再生铝项目', '2023-04-10', 0.1, '银行回单'],
          ['再生铝项目', '2023-05-10', 0.2, '银行回单'],
          ['预制菜项目', '2023-05-01', 0.1, null],
          ['不存在的项目', '2023-05-01', 0.1, null],
        ]),
      }),
    );
    expect(wrong.failed).toBe(true);
    expect(wrong.text).toContain(
      '［项目台账］第 3 行 到位资金合计：合计 900万元 与到位资金明细之和 1000万元 不符',
    );
    expect(wrong.text).toContain('［到位资金明细］第 5 行 项目名称：项目台账里没有「不存在的项目」这个项目');

    projects[2] = ['预制菜项目', '经济信息委', '2023-04-01', 5000, '正式合同', 1000];
    const rows: BureauCell[][] = [
      ['再生铝项目', '2023-04-10', 0.1, '银行回单'],
      ['再生铝项目', '2023-05-10', 0.2, '银行回单'],
      ['预制菜项目', '2023-05-01', 0.1, null],
    ];
    expect(
      (await importWorkbook(c, await plainWorkbook({ 项目台账: projects, 到位资金明细: detail(rows) }))).text,
    ).toContain('新增 2，更新 0，未变 0');
    const aluminium = () => c.store.projects().find((p) => p.name === '再生铝项目');
    expect(aluminium()?.instalments.map((i) => [i.id, i.date, i.amountWan, i.evidence])).toEqual([
      ['P2023-001-F1', '2023-04-10', 1000, '银行回单'],
      ['P2023-001-F2', '2023-05-10', 2000, '银行回单'],
    ]);
    expect(await c.say('上半年总结')).toContain('到位资金4000万元');
    // the same instalments listed in another order are the same
    const reordered = await importWorkbook(
      c,
      await plainWorkbook({ 项目台账: projects, 到位资金明细: detail([...rows].reverse()) }),
    );
    expect(reordered.text).toContain('新增 0，更新 0，未变 2');

    projects[1] = ['再生铝项目', '工业园区管委会', '2023-03-05', 120000, '正式合同', 3500];
    rows[1] = ['再生铝项目', '2023-05-10', 0.25, '银行回单'];
    const fixed = await importWorkbook(
      c,
      await plainWorkbook({ 项目台账: projects, 到位资金明细: detail(rows) }),
    );
    expect(fixed.text).toContain('～ 第 2 行 P2023-001 再生铝项目：到位资金 2 笔 3000万元 → 2 笔 3500万元');
    expect(aluminium()?.instalments.map((i) => [i.id, i.amountWan])).toEqual([
      ['P2023-001-F1', 1000],
      ['P2023-001-F3', 2500],
    ]);
  });

  it('refuses two rows that are the same project', async () => {
    const c = await smallDistrict();
    const { text, failed } = await importWorkbook(c, await messyLedger([ALUMINIUM, ALUMINIUM]));
    expect(failed).toBe(true);
    expect(text).toContain('第 6 行 名称：与第 5 行是同一个项目');
  });

  it('lets only an admin import', async () => {
    const c = await smallDistrict();
    const { text, failed } = await importWorkbook(c, await messyLedger([ALUMINIUM]), { as: 'lisi' });
    expect(failed).toBe(true);
    expect(text).toBe('账号「lisi」不是管理员：只有管理员可以导入台账。');
    expect(c.store.projects()).toEqual([]);
  });
});

describe('an import in the journal', () => {
  it('is one change that says who, which file, its sha256 and how many rows, and the importer can 撤销 it whole', async () => {
    const c = await smallDistrict();
    const before = c.store.seq;
    await importWorkbook(c, await messyLedger([ALUMINIUM, READY_MEALS, ALUMINIUM_ASH]), {
      fileName: '2023台账.xlsx',
    });
    const records = (await journalOf(c.store)).filter((r) => r.seq > before);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      actor: 'admin',
      command: 'import-ledger',
      summary: '导入台账「2023台账.xlsx」：新增 3 个项目，更新 0 个',
    });
    expect(records[0]?.text).toMatch(/^导入台账 2023台账\.xlsx（sha256 [0-9a-f]{64}，3 行）$/);
    expect(c.store.projects()).toHaveLength(3);

    expect(await c.say('撤销')).toContain('已撤销：导入台账「2023台账.xlsx」：新增 3 个项目，更新 0 个');
    expect(c.store.projects()).toEqual([]);
  });

  it('undoes a re-import back to the values before it, not to nothing', async () => {
    const c = await smallDistrict();
    await importWorkbook(c, await messyLedger([ALUMINIUM]));
    const corrected = [...ALUMINIUM];
    corrected[7] = 130000;
    await importWorkbook(c, await messyLedger([corrected]));
    expect(c.store.project('P2023-001')?.signing?.amountWan).toBe(130000);
    await c.say('撤销');
    expect(c.store.project('P2023-001')?.signing?.amountWan).toBe(120000);
  });

  it('is not offered to 撤销 after 24 hours', async () => {
    const c = await smallDistrict();
    await importWorkbook(c, await messyLedger([ALUMINIUM]));
    c.setNow('2023-07-01T11:00:00+08:00');
    expect(await c.say('撤销')).not.toContain('已撤销');
    expect(c.store.projects()).toHaveLength(1);
  });
});
