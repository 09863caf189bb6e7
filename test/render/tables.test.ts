import { describe, expect, it } from 'vitest';
import { sheetName, tableCsv, tablesXlsx } from '../../src/render/tables.js';

describe('tables never carry a formula, in a heading or a cell', () => {
  const t = { name: 't', title: '=cmd|calc', columns: ['month', '=HYPERLINK("x")', '+1', '-2', '@SUM(A1)'], rows: [['2024-01', '=1+1', 3, null, '@x']] };
  it('CSV: every heading and cell starting with = + - @ is prefixed with an apostrophe', () => {
    expect(tableCsv(t)).toBe(`month,"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1)\n2024-01,'=1+1,3,,'@x\n`);
  });
  it('XLSX: the title and headings too', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesXlsx([t])) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("'=cmd|calc");
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['month', '\'=HYPERLINK("x")', "'+1", "'-2", "'@SUM(A1)"]);
  });
});

describe('worksheet names', () => {
  it('two theme ids alike in their first 31 characters get distinct sheets', async () => {
    const taken = new Set<string>();
    expect(sheetName('districts-violence-against-women-and-girls', taken)).toBe('districts-violence-against-wome');
    expect(sheetName('districts-violence-against-women-online', taken)).toBe('districts-violence-against-wo~2');
    expect(sheetName('DISTRICTS-violence-against-women-x', taken)).toBe('DISTRICTS-violence-against-wo~3');
    const t = (name: string) => ({ name, title: name, columns: ['a'], rows: [[1]] });
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await tablesXlsx([t('districts-violence-against-women-and-girls'), t('districts-violence-against-women-online')])) as unknown as ArrayBuffer,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['districts-violence-against-wome', 'districts-violence-against-wo~2']);
  });
});
