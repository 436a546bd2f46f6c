import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportOpenStore } from '../../src/ledger-export.ts';
import { SHEET_NAMES } from '../../src/workbook/columns.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { journalRecords } from '../../storage/journal-audit.ts';
import { Store } from '../../storage/store.ts';
import { smallDistrict } from '../helpers/conversation.ts';
import { readWorkbook, sheet, valuesOf } from '../helpers/workbook.ts';

async function districtWithHistory() {
  const dir = mkdtempSync(join(tmpdir(), 'saima-audit-'));
  // a snapshot every few changes rotates the journal: most records end up in the compressed archive
  const c = await smallDistrict({
    persistence: new FilePersistence(dir, { snapshotEvery: 3, rotateAtBytes: 0 }),
  });
  await c.say('登记签约 再生铝项目 合同额12亿 投资方某某集团 产业链铝产业 类型正式合同 日期2023-05-20', {
    as: 'lisi',
  });
  await c.say('到位资金 再生铝项目 8000万 凭证银行回单', { as: 'lisi' });
  await c.say('修改 P2023-001 合同额13亿');
  await c.say('登记签约 食品加工项目 合同额2亿 投资方某乙公司 类型正式合同 日期2023-06-01', { as: 'wangwu' });
  await c.say('进度 再生铝项目 已完成土地摘牌，下周进场', { as: 'lisi' });
  await c.store.durable();
  return { c, dir };
}

async function auditRows(store: Store, dir: string, unitId: string | null) {
  const { bytes } = await exportOpenStore(store, () => journalRecords(dir), {
    year: 2023,
    asOf: '2023-06-30',
    unitId,
    districtName: null,
  });
  return valuesOf(sheet(await readWorkbook(bytes), SHEET_NAMES.audit));
}

describe('变更记录 in the exported 台账', () => {
  it('lists every change from the journal, archives included: when, who, the message and 原值 → 新值', async () => {
    const { c, dir } = await districtWithHistory();
    await c.store.close();
    expect(readdirSync(join(dir, 'journal-archive')).length).toBeGreaterThan(0);
    const store = await Store.open(new FilePersistence(dir));
    const rows = await auditRows(store, dir, null);
    expect(rows.map((r) => r.命令)).toEqual([
      '添加单位',
      '添加单位',
      '添加成员',
      '添加成员',
      '添加成员',
      '登记签约',
      '到位资金',
      '修改',
      '登记签约',
      '进度',
    ]);
    const edit = rows.find((r) => r.命令 === '修改');
    expect(edit?.操作人).toBe('admin');
    expect(edit?.消息).toBe('修改 P2023-001 合同额13亿');
    const time = edit?.时间;
    expect(time).toBeInstanceOf(Date);
    expect(time instanceof Date ? time.toISOString() : null).toBe('2023-06-30T10:00:00.000Z');
    expect(String(edit?.['变更（原值 → 新值）'])).toMatch(
      /项目 P2023-001 再生铝项目 签约：.*金额 120000万元.* → .*金额 130000万元/,
    );
    const funds = rows.find((r) => r.命令 === '到位资金');
    expect(funds?.操作人).toBe('李四（lisi）');
    expect(String(funds?.['变更（原值 → 新值）'])).toContain(
      '到位资金 新增：日期 2023-06-30，金额 8000万元，凭证 银行回单',
    );
    await c.store.close();
  });

  it('gives a unit only the changes to its own projects', async () => {
    const { c, dir } = await districtWithHistory();
    const unit = c.store.unitByName('工业园区管委会');
    const rows = await auditRows(c.store, dir, unit?.id ?? null);
    expect(rows.map((r) => r.命令)).toEqual(['登记签约', '到位资金', '修改', '进度']);
    expect(rows.map((r) => String(r['变更（原值 → 新值）'])).join('\n')).not.toContain('食品加工');
    await c.store.close();
  });

  it('leaves out changes made after the day the ledger is as of', async () => {
    const { c, dir } = await districtWithHistory();
    c.setNow('2023-07-02T09:00:00+08:00');
    await c.say('进度 再生铝项目 七月的进展', { as: 'lisi' });
    await c.store.durable();
    const rows = await auditRows(c.store, dir, null);
    expect(rows.map((r) => String(r.消息)).join('\n')).not.toContain('七月的进展');
    await c.store.close();
  });
});
