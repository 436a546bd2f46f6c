import { execFileSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded } from '../../../src/workbook/import/open-workbook.ts';
import { importWorkbook, messyLedger, plainWorkbook } from '../../helpers/bureau-workbook.ts';
import { smallDistrict } from '../../helpers/conversation.ts';
import { sheetXml, xlsxParts, zipOf } from '../../helpers/raw-xlsx.ts';

const HEADER = ['项目名称', '责任单位', '签约日期', '合同额（万元）', '合同类型'];
const ROW = ['年产30万吨再生铝项目', '工业园区管委会', '2023-03-05', '120000', '正式合同'];

/** Imports the bytes into a small district and checks that nothing was written. */
async function refused(bytes: Buffer): Promise<string> {
  const c = await smallDistrict();
  const seq = c.store.seq;
  const { text, failed } = await importWorkbook(c, bytes);
  expect(failed).toBe(true);
  expect(c.store.seq).toBe(seq);
  expect(c.store.projects()).toEqual([]);
  return text;
}

/** The first bytes of an OLE compound file: what Office writes for a locked workbook and for an .xls. */
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

describe('a file the import cannot or must not read', () => {
  it('is not an xlsx: said so, nothing written', async () => {
    expect(await refused(Buffer.from('项目名称,责任单位\n再生铝项目,工业园区管委会\n'))).toBe(
      '这不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 里「另存为」Excel 工作簿（*.xlsx）后再导入。',
    );
    expect(await refused(Buffer.alloc(0))).toBe('文件是空的（0 字节）。');
  });

  it('is a zip but not a workbook (a .docx, a zip of photos)', async () => {
    expect(
      await refused(zipOf([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }])),
    ).toContain('这不是 Excel 工作簿');
  });

  it('is password-protected, or an old .xls', async () => {
    const locked = Buffer.concat([
      CFB,
      Buffer.alloc(500),
      Buffer.from('EncryptedPackage', 'utf16le'),
      Buffer.alloc(500),
    ]);
    expect(await refused(locked)).toMatch(/^文件设置了打开密码，无法读取/);
    expect(await refused(Buffer.concat([CFB, Buffer.alloc(1000)]))).toMatch(
      /^这是旧版 Excel 97-2003 文件（\.xls）/,
    );
  });

  it('is corrupt: cut short, or its insides garbled', async () => {
    const good = await plainWorkbook({ 项目台账: [HEADER, ROW] });
    expect(await refused(good.subarray(0, Math.floor(good.length / 2)))).toMatch(/^文件已损坏，无法读取/);
    const garbled = Buffer.from(good);
    for (let i = 200; i < garbled.length - 400; i += 7) garbled[i] = (garbled[i] as number) ^ 0x5a;
    expect(await refused(garbled)).toMatch(/^文件(已损坏|解压后过大或结构异常)/);
  });

  it('has an empty sheet, or no ledger header at all', async () => {
    expect(await refused(await plainWorkbook({ 项目台账: [HEADER] }))).toBe(
      '工作表「项目台账」表头下面没有任何项目。',
    );
    expect(await refused(await plainWorkbook({ Sheet1: [['会议纪要'], ['今天开会']] }))).toMatch(
      /^工作簿里没有一个工作表找得到台账表头/,
    );
    expect(await refused(await plainWorkbook({ 项目台账: [] }))).toMatch(/^工作表「项目台账」里找不到表头/);
  });

  it('names a sheet that is not there', async () => {
    const c = await smallDistrict();
    const { text } = await importWorkbook(c, await plainWorkbook({ 项目台账: [HEADER, ROW] }), {
      sheet: '二季度',
    });
    expect(text).toBe('工作簿里没有名为「二季度」的工作表。现有工作表：「项目台账」。');
  });

  it('is 50 MB: refused by its size before a byte of it is parsed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-import-'));
    const path = join(dir, '大台账.xlsx');
    writeFileSync(path, '');
    truncateSync(path, 50 * 1024 * 1024);
    await expect(readBounded(path)).rejects.toThrow('文件有 50.0 MB，超过 20 MB 的上限，没有读取。');
    await expect(readBounded(join(dir, '没有这个文件.xlsx'))).rejects.toThrow('找不到文件');
    // a device has no size to check and never ends: it is not read at all
    await expect(readBounded('/dev/zero')).rejects.toThrow('这不是 Excel 工作簿');
    await expect(readBounded(dir)).rejects.toThrow('这不是 Excel 工作簿');
    const pipe = join(dir, '台账.fifo');
    execFileSync('mkfifo', [pipe]);
    await expect(readBounded(pipe)).rejects.toThrow('这不是 Excel 工作簿');
  });

  it('has a formula saved without its result: named by row and column, not read as zero', async () => {
    const text = await refused(
      await plainWorkbook({ 项目台账: [HEADER, [...ROW.slice(0, 3), { formula: 'SUM(1,2)' }, '正式合同']] }),
    );
    expect(text).toContain(
      '［项目台账］第 2 行 合同额：公式没有保存计算结果：请在 Excel 里打开这个文件、保存一次再导入',
    );
  });

  it('has an amount column without a unit, or with one it does not know', async () => {
    const noUnit = await refused(
      await plainWorkbook({
        项目台账: [
          ['项目名称', '责任单位', '签约金额'],
          ['再生铝项目', '工业园区管委会', 5],
        ],
      }),
    );
    expect(noUnit).toContain('第 1 行 签约金额：表头「合同额」没有写单位');
    const dollars = await refused(
      await plainWorkbook({
        项目台账: [
          ['项目名称', '责任单位', '合同额（美元）'],
          ['再生铝项目', '工业园区管委会', 5],
        ],
      }),
    );
    expect(dollars).toContain('表头「合同额（美元）」的单位「美元」不认识：只认 元、万元、亿元');
  });

  it('accepts a unit written in the cell when the header has none', async () => {
    const c = await smallDistrict();
    const { text } = await importWorkbook(
      c,
      await plainWorkbook({
        项目台账: [
          ['项目名称', '责任单位', '签约时间', '签约金额', '合同类型'],
          ['再生铝项目', '工业园区管委会', '2023年3月5日', '3.5亿', '正式合同'],
        ],
      }),
    );
    expect(text).toContain('新增 1，更新 0，未变 0');
    expect(c.store.projects()[0]?.signing?.amountWan).toBe(35000);
  });
});

describe('a hostile workbook', () => {
  it('that inflates beyond what it declares (a zip bomb) is refused without inflating it', async () => {
    const bomb = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const text = await refused(zipOf(xlsxParts(bomb, 2_000)));
    expect(text).toBe(
      '文件解压后过大或结构异常（部件 xl/worksheets/sheet1.xml 解压后大于声明的大小），为安全起见没有读取。请只保留项目台账工作表后另存再导入。',
    );
  });

  it('that declares more than any ledger needs is refused before inflating anything', async () => {
    const text = await refused(zipOf(xlsxParts(sheetXml([HEADER, ROW]), 300 * 1024 * 1024)));
    expect(text).toContain('解压后超过 200 MB');
  });

  it('with more cells than any ledger has is refused before exceljs builds them', async () => {
    const cells = '<c r="A1"/>'.repeat(1_000_001);
    const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
    expect(await refused(zipOf(xlsxParts(xml)))).toContain('超过 1000000 个单元格');
  });

  it('with a merge over the whole sheet is refused instead of hanging', async () => {
    const xml = sheetXml(
      [HEADER, ROW],
      '<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>',
    );
    expect(await refused(zipOf(xlsxParts(xml)))).toContain('合并单元格过多或过大');
  });

  it('with a drop-down over a whole column is read as usual (the validation is never expanded)', async () => {
    const xml = sheetXml(
      [HEADER, ROW],
      '<dataValidations count="1"><dataValidation type="list" sqref="E2:E1048576 A2:XFD1048576"><formula1>"正式合同,框架协议"</formula1></dataValidation></dataValidations>',
    );
    const c = await smallDistrict();
    const { text, failed } = await importWorkbook(c, zipOf(xlsxParts(xml)));
    expect(failed).toBe(false);
    expect(text).toContain('新增 1，更新 0，未变 0');
  });

  it('with a name the length of a page is told the limit, not stored', async () => {
    const text = await refused(await messyLedger([[1, '很'.repeat(61), '工业园区管委会']]));
    expect(text).toContain('第 5 行 名称：超过 60 字');
  });
});
