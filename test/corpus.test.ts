import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cli, minimalConfig, workspace, type ErrorsJson, type ValidationJson } from './helpers.js';

/**
 * The bad-input corpus: every way a partner's export or the config can break. Each case gets
 * a clear error (exit 2, naming file, line, column or key) or an exact count of explained
 * rejects; none gets a stack trace; for every file, rows read = accepted + rejected.
 */
const POLICE_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const police = (...rows: string[]) => `${POLICE_HEADER}\n${rows.join('\n')}\n`;
const crime = (id: string, month = '2024-06', type = 'Burglary', lsoa = 'Thanet 001A') =>
  `${id},${month},Kent Police,Kent Police,1.4,51.4,On or near High Street,E01024000,${lsoa},${type},Under investigation,`;
const asbHeader = 'Ref,Date,Type,Ward';
const asb = (...rows: string[]) => `${asbHeader}\n${rows.join('\n')}\n`;
const ok = (ref: string, date = '01/06/2024', type = 'Noise', ward = 'Viking') => `${ref},${date},${type},${ward}`;

const SRC = {
  police: `  police:\n    kind: police-uk-street\n    files: "police/*.csv"`,
  records: (files = 'asb.csv', extra = '') =>
    `  asb:\n    kind: records\n    files: "${files}"\n    columns: {date: Date, category: Type, area: Ward, id: Ref}${extra}`,
  counts: `  fire:\n    kind: counts\n    files: fire.csv\n    columns: {period: Month, category: Type, area: Ward, count: Count}`,
  population: `  population:\n    kind: population\n    files: population.csv\n    columns: {area: Area, level: Level, population: Population}`,
  survey: `  survey:\n    kind: survey\n    files: survey.csv\n    columns: {id: Id, problems: Problems, agreement: Agree}`,
  judgements: `  judgements:\n    kind: judgements\n    files: judgements.csv\n    columns: {theme: Theme, scores: {influence: Influence}}`,
  actions: `  actions:\n    kind: actions\n    files: actions.csv\n    columns: {action: Action, status: Status, baseline: Baseline, latest: Latest}`,
};
// The assessment windows must lie inside the police data: June 2024 against May 2024, and a
// May ASB row (never a repeat, in a theme) so that the data covers both.
const JUNE = (t: string) => t.replace('end: 2024-12', 'end: 2024-06\n  months: 1');
const MAY = crime('', '2024-05', 'Anti-social behaviour');
const THEMES = `themes:\n  - {id: asb, name: Anti-social behaviour, categories: {police: [Anti-social behaviour]}}\n`;

interface Case {
  name: string;
  files: Record<string, string | Buffer>;
  sources: string;
  extra?: string;
  config?: (text: string) => string;
  code: 0 | 2;
  /** Substrings of the error messages (with their file:line or key as printed). */
  errors?: string[];
  /** reason (start of) → rows, for the one source of the case. */
  rejects?: Record<string, number>;
  read?: number;
  warnings?: string[];
  months?: string[];
}

const CASES: Case[] = [
  // --- CSV structure
  {
    name: 'unbalanced quote',
    files: { 'asb.csv': asb(ok('A1'), 'A2,"01/06/2024,Noise,Viking', ok('A3')) },
    sources: SRC.records(),
    code: 0,
    read: 2,
    rejects: { 'a quote is opened and never closed': 1 },
    warnings: ['the file has 3 lines after the headings but 2 rows: 1 line(s) were read as part of a quoted value'],
  },
  // DuckDB's reader stops with "the CSV Parser state machine reached an invalid state" on these.
  {
    name: 'mixed line endings (CR CR LF) and a doubled quote in a council export',
    files: { 'asb.csv': [asbHeader, ok('A1'), 'A2,01/06/2024,No""ise,Viking', ok('A3')].join('\r\r\n') + '\r\r\n' },
    sources: SRC.records(),
    code: 0,
    read: 3,
    rejects: {},
  },
  {
    name: 'an LF file with one CR LF line',
    files: { 'asb.csv': `${asbHeader}\n${ok('A1')}\r\n${ok('A2')}\n${ok('A3')}\n` },
    sources: SRC.records(),
    code: 0,
    read: 3,
    rejects: {},
  },
  {
    name: 'CR-only line endings (old Mac Excel)',
    files: { 'asb.csv': [asbHeader, ok('A1'), ok('A2'), 'A3,31/06/2024,Noise,Viking'].join('\r') + '\r' },
    sources: SRC.records(),
    code: 0,
    read: 3,
    rejects: { 'the date': 1 },
  },
  {
    name: 'a line break inside a quoted value is one row, said',
    files: { 'asb.csv': asb(ok('A1'), 'A2,01/06/2024,Noise,"Viking\nWard"', ok('A3')) },
    sources: SRC.records(),
    code: 0,
    read: 3,
    rejects: {},
    warnings: ['the file has 4 lines after the headings but 3 rows: 1 line(s) were read as part of a quoted value'],
  },
  {
    name: 'ragged row, too few fields',
    files: { 'asb.csv': asb(ok('A1'), 'A2,01/06/2024,Noise') },
    sources: SRC.records(),
    code: 0,
    read: 2,
    rejects: { 'too few fields': 1 },
  },
  {
    name: 'ragged row, too many fields',
    files: { 'asb.csv': asb(ok('A1'), 'A2,01/06/2024,Noise,Viking,Extra') },
    sources: SRC.records(),
    code: 0,
    read: 2,
    rejects: { 'too many fields': 1 },
  },
  { name: 'semicolon delimiter', files: { 'asb.csv': asb(ok('A1'), ok('A2')).replaceAll(',', ';') }, sources: SRC.records(), code: 0, read: 2, rejects: {} },
  { name: 'tab delimiter', files: { 'asb.csv': asb(ok('A1'), ok('A2')).replaceAll(',', '\t') }, sources: SRC.records(), code: 0, read: 2, rejects: {} },
  {
    name: 'UTF-8 BOM and CRLF',
    files: { 'asb.csv': `\uFEFF${asb(ok('A1'), ok('A2')).replaceAll('\n', '\r\n')}` },
    sources: SRC.records(),
    code: 0,
    read: 2,
    rejects: {},
  },
  {
    name: 'Windows-1252',
    files: { 'asb.csv': Buffer.from(asb(ok('A1', '01/06/2024', 'Caf\xe9 noise \x96 late')), 'latin1') },
    sources: SRC.records(),
    code: 0,
    read: 1,
    rejects: {},
  },
  {
    name: 'UTF-16 LE with BOM',
    files: { 'asb.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(asb(ok('A1')), 'utf16le')]) },
    sources: SRC.records(),
    code: 0,
    read: 1,
    rejects: {},
  },
  {
    name: 'UTF-16 BE with BOM',
    files: { 'asb.csv': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(asb(ok('A1')), 'utf16le').swap16()]) },
    sources: SRC.records(),
    code: 0,
    read: 1,
    rejects: {},
  },
  { name: 'empty file', files: { 'asb.csv': '' }, sources: SRC.records(), code: 2, errors: ['asb.csv: the file is empty (0 bytes)'] },
  {
    name: 'header-only file',
    files: { 'asb.csv': `${asbHeader}\n` },
    sources: SRC.records(),
    code: 2,
    errors: ['asb.csv: the file has column headings but no data rows'],
  },
  {
    name: 'binary file named .csv',
    files: { 'asb.csv': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) },
    sources: SRC.records(),
    code: 2,
    errors: ['asb.csv: this is not a text file'],
  },
  {
    name: 'a field longer than 1 MB',
    files: { 'asb.csv': asb(ok('A1'), ok('A2', '01/06/2024', 'x'.repeat(1_100_000))) },
    sources: SRC.records(),
    code: 0,
    read: 2,
    rejects: { 'the line is longer than 1 MB': 1 },
  },
  {
    name: 'missing column',
    files: { 'asb.csv': 'Ref,Date,Type\nA1,01/06/2024,Noise\n' },
    sources: SRC.records(),
    code: 2,
    errors: ['asb.csv:1, sources.asb.columns.area: column "Ward" not found'],
  },
  // --- dates and periods
  {
    name: 'unparseable dates',
    files: { 'asb.csv': asb(ok('A1'), ok('A2', '32/01/2024'), ok('A3', 'yesterday')) },
    sources: SRC.records(),
    code: 0,
    read: 3,
    rejects: { 'the date cannot be read': 2 },
  },
  {
    name: 'dates in the future',
    files: { 'asb.csv': asb(ok('A1'), ok('A2', '01/01/2099')) },
    sources: SRC.records(),
    code: 0,
    read: 2,
    rejects: { 'the date is in the future': 1 },
  },
  {
    name: 'empty dates',
    files: { 'asb.csv': asb(ok('A1'), 'A2,,Noise,Viking') },
    sources: SRC.records(),
    code: 0,
    read: 2,
    rejects: { 'the date is empty': 1 },
  },
  {
    name: 'US-order dates are read as UK order (13th month rejected)',
    files: { 'asb.csv': asb(ok('A1', '06/13/2024')) },
    sources: SRC.records(),
    code: 2,
    rejects: { 'the date cannot be read': 1 },
    errors: ['source "asb" has no usable rows: its only row was rejected'],
  },
  {
    name: 'months outside every window (validate reads them; assess flags the coverage)',
    files: { 'asb.csv': asb(ok('A1', '01/06/2010'), ok('A2', '01/07/2010')) },
    sources: SRC.records(),
    code: 0,
    read: 2,
    rejects: {},
    months: ['2010-06', '2010-07'],
  },
  {
    name: 'dates with two-digit years (1/2/24), each rejected with its reason',
    files: { 'asb.csv': asb(ok('A1'), ok('A2', '1/2/24'), ok('A3', '01-06-24'), ok('A4', '1/6/2024')) },
    sources: SRC.records(),
    code: 0,
    read: 4,
    rejects: { 'the date has a two-digit year': 2 },
  },
  {
    name: 'police months in the future',
    files: { 'police/2024-06-kent-street.csv': police(MAY, crime('x1'), crime('x2', '2030-01'), crime('x3', '2099-12')) },
    sources: SRC.police,
    extra: THEMES,
    config: JUNE,
    code: 0,
    read: 4,
    rejects: { 'Month is in the future': 2 },
  },
  {
    name: 'calendar years as periods in counts (2023, 2024), and a year that is not one',
    files: { 'fire.csv': 'Month,Type,Ward,Count\n2023,Fire,Viking,20\n2024,Fire,Viking,25\n1850,Fire,Viking,1\n' },
    sources: SRC.counts,
    code: 0,
    read: 3,
    rejects: { 'the period cannot be read': 1 },
    months: ['2023-01', '2024-01'],
  },
  {
    name: 'unreadable period in counts',
    files: { 'fire.csv': 'Month,Type,Ward,Count\n2024-06,Fire,Viking,2\nSummer 2024,Fire,Viking,1\n' },
    sources: SRC.counts,
    code: 0,
    read: 2,
    rejects: { 'the period cannot be read': 1 },
  },
  // --- counts and numbers
  {
    name: 'negative and non-numeric counts',
    files: { 'fire.csv': 'Month,Type,Ward,Count\n2024-06,Fire,Viking,2\n2024-07,Fire,Viking,-1\n2024-08,Fire,Viking,two\n2024-09,Fire,Viking,"1,204"\n' },
    sources: SRC.counts,
    code: 0,
    read: 4,
    rejects: { 'the count is negative': 1, 'the count is not a whole number': 1 },
  },
  // DuckDB's cast reads 2.5 as 3, 1e3 as 1000, 0x10 as 16 and 1,5 (a decimal comma) as 15.
  {
    name: 'counts that are not whole numbers: 2.5, 1e3, 0x10, 1,5 (and 12.0, 1,204 that are)',
    files: {
      'fire.csv':
        [
          'Month,Type,Ward,Count',
          '2024-01,Fire,Viking,2.5',
          '2024-02,Fire,Viking,1e3',
          '2024-03,Fire,Viking,0x10',
          '2024-04,Fire,Viking,"1,5"',
          '2024-05,Fire,Viking,12.0',
          '2024-06,Fire,Viking,"1,204"',
          '2024-07,Fire,Viking,"12,34"',
        ].join('\n') + '\n',
    },
    sources: SRC.counts,
    code: 0,
    read: 7,
    rejects: { 'the count is not a whole number': 5 },
  },
  {
    name: 'population zero and not a number',
    files: { 'population.csv': 'Area,Level,Population\nThanet,district,137000\nDover,district,0\nDeal,ward,many\n' },
    sources: SRC.population,
    code: 0,
    read: 3,
    rejects: { 'the population is zero or negative': 1, 'the population is not a whole number': 1 },
  },
  {
    name: 'population with an unknown level',
    files: { 'population.csv': 'Area,Level,Population\nThanet,county,137000\nDover,district,100\n' },
    sources: SRC.population,
    code: 0,
    read: 2,
    rejects: { 'the level must be district, ward or lsoa': 1 },
  },
  // --- duplicates and categories
  {
    name: 'duplicate IDs in records',
    files: { 'asb.csv': asb(ok('A1'), ok('A1'), ok('A2'), ok('A1')) },
    sources: SRC.records(),
    code: 0,
    read: 4,
    rejects: { 'repeated reference': 2 },
  },
  // A refused row holds no ID: the good row after it with the same ID is the one kept, not a repeat.
  {
    name: 'a reference first on a row refused for its date, then on a good row',
    files: { 'asb.csv': asb(ok('A1', '32/01/2024'), ok('A1'), ok('A1')) },
    sources: SRC.records(),
    code: 0,
    read: 3,
    rejects: { 'the date cannot be read': 1, 'repeated reference': 1 },
  },
  {
    name: 'a Crime ID first on a row refused for its Month, then on a good row (one file)',
    files: { 'police/2024-06-kent-street.csv': police(MAY, crime('x1', '2024-13'), crime('x1'), crime('x1')) },
    sources: SRC.police,
    config: JUNE,
    code: 0,
    read: 4,
    rejects: { 'Month is not a month': 1, 'repeated Crime ID': 1 },
  },
  {
    name: 'repeated Crime IDs in police files, ASB never a repeat',
    files: {
      'police/2024-06-kent-street.csv': police(
        MAY,
        crime('x1'),
        crime('x1'),
        crime('', '2024-06', 'Anti-social behaviour'),
        crime('', '2024-06', 'Anti-social behaviour'),
      ),
    },
    sources: SRC.police,
    extra: THEMES,
    config: JUNE,
    code: 0,
    read: 5,
    rejects: { 'repeated Crime ID': 1 },
  },
  {
    name: 'unknown categories',
    files: { 'police/2024-06-kent-street.csv': police(MAY, crime('x1', '2024-06', 'Public disorder and weapons'), crime('x2')) },
    sources: SRC.police,
    extra: THEMES,
    config: JUNE,
    code: 0,
    read: 3,
    rejects: {},
    warnings: ['2 categories are not in any theme (2 rows, 66.7%): Burglary, Public disorder and weapons'],
  },
  {
    name: 'police: bad month, empty crime type, no location, outside the force',
    files: {
      'police/2024-06-kent-street.csv': police(
        MAY,
        crime('x1', 'June'),
        crime('x2', '2024-06', ''),
        'x3,2024-06,Kent Police,Kent Police,,,No Location,,,Burglary,,',
        crime('x4', '2024-06', 'Burglary', 'Bexley 001A'),
      ),
    },
    sources: SRC.police,
    config: JUNE,
    // One row in three unlocated would be refused at the default 25%.
    extra: 'quality: {refuseNoLocationAbovePct: 50}',
    code: 0,
    read: 5,
    rejects: { 'Month is not a month': 1, 'Crime type is empty': 1 },
    warnings: ['1 row (33.3%) is in districts outside geography.districts: Bexley (1)', '1 row (33.3%) has no location (empty LSOA)'],
  },
  {
    name: 'LSOA boundary change part-way through (2011 → 2021 codes)',
    files: Object.fromEntries(
      ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08'].map((m, i) => [
        `police/${m}-kent-street.csv`,
        police(
          ...[0, 1, 2].map((k) =>
            crime(`${m}-${k}`, m, 'Burglary', i < 4 ? 'Thanet 001A' : 'Thanet 001F').replace('E01024000', i < 4 ? 'E01024000' : 'E01035000'),
          ),
        ),
      ]),
    ),
    sources: SRC.police,
    extra: THEMES,
    config: (t) => t.replace('end: 2024-12', 'end: 2024-08\n  months: 4'),
    code: 0,
    read: 24,
    rejects: {},
    warnings: [
      '1 LSOA code starts and 1 stops part-way through the months, e.g. E01024000 Thanet 001A (2024-01 to 2024-04); E01035000 Thanet 001F (2024-05 to 2024-08): the LSOA boundaries changed',
    ],
  },
  {
    name: 'police file without its columns',
    files: { 'police/2024-06-kent-street.csv': 'Crime ID,Month,Crime type\nx1,2024-06,Burglary\n' },
    sources: SRC.police,
    code: 2,
    errors: ['column "LSOA code" not found', 'column "LSOA name" not found'],
  },
  // --- survey, judgements, actions
  {
    name: 'survey with no responses',
    files: { 'survey.csv': 'Id,Problems,Agree\n' },
    sources: SRC.survey,
    code: 2,
    errors: ['survey.csv: the file has column headings but no data rows'],
  },
  {
    name: 'survey: an empty response and a repeated id',
    files: { 'survey.csv': 'Id,Problems,Agree\nR1,ASB,Agree\nR2,,\nR1,Drugs,Agree\n' },
    sources: SRC.survey,
    code: 0,
    read: 3,
    rejects: { 'the response is empty': 1, 'repeated response id': 1 },
  },
  {
    name: 'survey answers separated by commas while the separator is ";"',
    files: { 'survey.csv': ['Id,Problems,Agree', ...Array.from({ length: 12 }, (_, i) => `R${i},"ASB, Drugs",Agree`)].join('\n') + '\n' },
    sources: SRC.survey,
    code: 0,
    read: 12,
    rejects: {},
    warnings: ['12 of 12 "problems" answers hold "," and were not split: the separator set is ";"'],
  },
  {
    name: 'judgement scores outside the scale, and a decimal comma',
    files: { 'judgements.csv': 'Theme,Influence\nasb,4\nasb,7\nasb,0\nasb,"3,5"\nasb,3.5\n' },
    sources: SRC.judgements,
    extra: THEMES.replace('police: [Anti-social behaviour]', 'judgements: [x]'),
    code: 0,
    read: 5,
    rejects: {
      'the influence score is outside the scale 1–5 (sources.judgements.scale)': 2,
      'the influence score is not a number (decimals are written with a point: 3.5)': 1,
    },
  },
  {
    name: 'judgement scale from csp.yaml (0–10)',
    files: { 'judgements.csv': 'Theme,Influence\nasb,7\nasb,0\nasb,11\n' },
    sources: `${SRC.judgements}\n    scale: {min: 0, max: 10}`,
    extra: THEMES.replace('police: [Anti-social behaviour]', 'judgements: [x]'),
    code: 0,
    read: 3,
    rejects: { 'the influence score is outside the scale 0–10': 1 },
  },
  {
    name: 'judgements for unknown themes and scores that are not numbers',
    files: { 'judgements.csv': 'Theme,Influence\nasb,4\nRoad safety,5\nAnti-social behaviour,high\n' },
    sources: SRC.judgements,
    extra: THEMES.replace('police: [Anti-social behaviour]', 'judgements: [x]'),
    code: 0,
    read: 3,
    rejects: { 'the theme is not one of the themes': 1, 'the influence score is not a number': 1 },
  },
  {
    name: 'actions: unknown status, baseline not a number',
    files: { 'actions.csv': 'Action,Status,Baseline,Latest\nPatrols,Completed,4,9\nCCTV,Abandoned,,\nCPNs,ongoing,thirty,74\n' },
    sources: SRC.actions,
    code: 0,
    read: 3,
    rejects: { 'the status must be completed, ongoing or carried forward': 1, 'the baseline is not a number': 1 },
  },
  // --- XLSX
  {
    name: 'a text file named .xlsx',
    files: { 'asb.xlsx': 'Ref,Date\nA1,01/06/2024\n' },
    sources: SRC.records('asb.xlsx'),
    code: 2,
    errors: ['asb.xlsx: cannot be read as an Excel workbook'],
  },
  // --- config
  {
    name: 'config: wrong types',
    files: {},
    sources: SRC.records(),
    config: (t) => t.replace('end: 2024-12', 'end: 2024-12\n  months: twelve\n  seriesMonths: [36]'),
    code: 2,
    errors: ['period.months: Invalid input: expected number, received string', 'period.seriesMonths: Invalid input: expected number, received array'],
  },
  {
    name: 'config: unknown keys',
    files: {},
    sources: SRC.records('asb.csv', '\n    encodeing: utf-8'),
    code: 2,
    errors: ['sources.asb.encodeing: unknown key "encodeing"', 'did you mean "encoding"?'],
  },
  {
    name: 'config: not YAML',
    files: {},
    sources: SRC.records(),
    config: (t) => t.replace('geography:', 'geography: [unclosed'),
    code: 2,
    errors: ['not valid YAML'],
  },
  {
    name: 'missing files',
    files: {},
    sources: SRC.records('exports/asb-2024.csv'),
    code: 2,
    errors: ['sources.asb.files: file not found: exports/asb-2024.csv'],
  },
  {
    name: 'a glob that matches nothing',
    files: {},
    sources: SRC.records('exports/*.csv'),
    code: 2,
    errors: ['sources.asb.files: no file matches "exports/*.csv"'],
  },
  // Files are read wherever csp.yaml points (test/hostile-ingest.test.ts reads them): one that is not there is not found, like any other.
  {
    name: 'a path out of the workspace that does not exist',
    files: {},
    sources: SRC.records('../../csp-nowhere/asb.csv'),
    code: 2,
    errors: ['sources.asb.files: file not found: ../../csp-nowhere/asb.csv'],
  },
  {
    name: 'an absolute path that does not exist',
    files: {},
    sources: SRC.records('/csp-nowhere/asb.csv'),
    code: 2,
    errors: ['sources.asb.files: file not found: /csp-nowhere/asb.csv'],
  },
];

describe('the bad-input corpus', () => {
  it('has at least 30 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const text = minimalConfig(c.sources, c.extra ?? '');
    const dir = workspace({ 'csp.yaml': c.config ? c.config(text) : text, ...c.files });
    const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json']);
    expect(r.stderr).not.toMatch(/\n\s+at |Unexpected error/);
    expect(r.code).toBe(c.code);
    // The report, or (a config error, before any file is read) only the errors.
    const json = JSON.parse(r.stdout) as ValidationJson | ErrorsJson;
    const messages = json.errors.map(
      (e) => `${e.file ?? ''}${e.line ? `:${e.line}` : ''}${e.key ? `${e.file ? ', ' : ''}${e.key}` : ''}: ${e.message}${e.hint ? ` → ${e.hint}` : ''}`,
    );
    for (const expected of c.errors ?? []) expect(messages.join('\n')).toContain(expected);
    if (c.code === 0) expect(json.errors).toEqual([]);
    const sources = 'sources' in json ? json.sources : [];
    for (const s of sources) {
      for (const f of s.files) expect(f.rowsAccepted + f.rowsRejected, f.path).toBe(f.rowsRead);
    }
    const source = sources[0]!;
    if (c.read !== undefined) expect(source.rowsRead).toBe(c.read);
    if (c.rejects) {
      const got = Object.fromEntries(
        Object.keys(c.rejects).map((reason) => [reason, source.rejects.filter((x) => x.reason.startsWith(reason)).reduce((n, x) => n + x.rows, 0)]),
      );
      expect(got).toEqual(c.rejects);
      expect(source.rowsRejected).toBe(Object.values(c.rejects).reduce((a, b) => a + b, 0));
      for (const x of source.rejects) for (const e of x.examples) expect(e.line === null || e.line > 1).toBe(true);
    }
    if (c.months) expect(source.months).toEqual(c.months);
    for (const w of c.warnings ?? []) expect(json.warnings.map((x) => x.message)).toContain(w);
  });
});
