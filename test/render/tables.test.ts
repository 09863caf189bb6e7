import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assessmentTables, sheetName, tableCsv, tablesXlsx } from '../../src/render/tables.js';
import type { Assessment } from '../../src/analyse/assessment-schema.js';
import { ROOT } from '../helpers.js';

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

describe('the survey and exceptions tables say what each number is of', () => {
  // The hand-computed workspace (test/fixtures/small/README.md): 10 respondents, 9 of whom answered
  // the priorities question (7 agree); a monthly series of 24 months, so 12 before the window.
  const golden = (): Assessment => JSON.parse(readFileSync(path.join(ROOT, 'test', 'golden', 'small', 'assessment.json'), 'utf8')) as Assessment;
  const tableOf = (a: Assessment, name: string) => assessmentTables(a).find((t) => t.name === name)!;

  it("survey: who gave the answer, against whom: those who answered, or all respondents for 'problems'", () => {
    const t = tableOf(golden(), 'survey');
    expect(t.columns).toEqual(['question', 'answer', 'respondents_giving_answer', 'share_of', 'base_respondents', 'share_pct']);
    expect(t.rows.slice(0, 4)).toEqual([
      ['Agree with the proposed priorities', 'agree or strongly agree', 7, 'answered the question', 9, 77.8],
      ['Feel safe during the day', 'very or fairly safe', 8, 'answered the question', 10, 80],
      ['Feel safe after dark', 'very or fairly safe', 4, 'answered the question', 10, 40],
      ['Which are problems in your area', 'ASB', 6, 'all respondents', 10, 60],
    ]);
    // Every share is its respondents over its base.
    for (const r of t.rows) expect(Math.round((1000 * (r[2] as number)) / (r[4] as number)) / 10).toBe(r[5]);
  });

  it('exceptions: the mean and both limits, the baseline months, and a title that follows the series', () => {
    const a = golden();
    const t = tableOf(a, 'exceptions');
    expect(t.columns).toEqual(['theme_id', 'source', 'month', 'count', 'direction', 'mean', 'lower', 'upper', 'baseline_months']);
    expect(t.rows[0]).toEqual(['all-crime', null, '2025-01', 4, 'above', 2.67, 1.68, 3.65, 12]);
    for (const r of t.rows) {
      const [count, direction, , lower, upper] = r.slice(3) as [number, string, number, number, number];
      expect(direction === 'above' ? count > upper : count < lower).toBe(true);
    }
    expect(t.title).toBe('Months outside the control limits (mean ± 2 SD of up to 12 months before the window: baseline_months for each figure)');
    expect(tableOf({ ...a, period: { ...a.period, seriesStart: '2022-01' } }, 'exceptions').title).toContain('of up to 24 months before the window');
    expect(tableOf({ ...a, period: { ...a.period, seriesStart: '2024-06' } }, 'exceptions').title).toBe(
      'Months outside the control limits: none looked for (the monthly series holds 7 months before the window; the limits need 12)',
    );
  });
});
