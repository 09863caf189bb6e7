/**
 * Workspaces for the recount: real police files (as they are, mutated, or a month relabelled),
 * a csp.yaml written here, and csp run in-process on them. Nothing here counts: see recount.ts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Assessment } from '../../src/analyse/assessment-schema.js';
import { cli, ROOT, workspace } from '../helpers.js';

export const REALDATA = path.join(ROOT, 'test', 'fixtures', 'realdata');
export const KENT_DIR = path.join(REALDATA, 'kent-street-2024-01_2024-04');
export const KENT_FILES = ['2024-01', '2024-02', '2024-03', '2024-04'].map((m) => path.join(KENT_DIR, `${m}-kent-street.csv`));
export const AVON_FILE = path.join(REALDATA, 'avon-somerset-street-2016-11', '2016-11-avon-and-somerset-street.csv');
export const GM_FILE = path.join(REALDATA, 'greater-manchester-street-2016-12-blank-rows', '2016-12-greater-manchester-street.csv');

export const KENT_DISTRICTS = [
  'Ashford',
  'Canterbury',
  'Dartford',
  'Dover',
  'Folkestone and Hythe',
  'Gravesham',
  'Maidstone',
  'Medway',
  'Sevenoaks',
  'Swale',
  'Thanet',
  'Tonbridge and Malling',
  'Tunbridge Wells',
].map((name) => ({ name, aliases: name === 'Folkestone and Hythe' ? ['Shepway'] : [] }));

/**
 * Avon and Somerset's districts in November 2016 (before the 2019 Somerset mergers): the
 * district names of the file's LSOAs with more than a handful of rows. The others (West Dorset,
 * Mid Devon, Thanet, …: 1–5 rows each) are other forces' districts.
 */
export const AVON_DISTRICTS = [
  'Bath and North East Somerset',
  'Bristol',
  'Mendip',
  'North Somerset',
  'Sedgemoor',
  'South Gloucestershire',
  'South Somerset',
  'Taunton Deane',
  'West Somerset',
].map((name) => ({ name, aliases: [] as string[] }));

/**
 * Greater Manchester's ten districts. The December 2016 file here holds rows for three of them
 * only (Bolton, Bury, Manchester): the other seven are districts with no data (null, not 0).
 */
export const GM_DISTRICTS = ['Bolton', 'Bury', 'Manchester', 'Oldham', 'Rochdale', 'Salford', 'Stockport', 'Tameside', 'Trafford', 'Wigan'].map((name) => ({
  name,
  aliases: [] as string[],
}));

/** Themes over the police categories: one category, several categories, and ASB. */
export const THEMES = [
  { id: 'asb', categories: ['Anti-social behaviour'] },
  { id: 'violence', categories: ['Violence and sexual offences'] },
  { id: 'acquisitive', categories: ['Burglary', 'Vehicle crime', 'Other theft', 'Bicycle theft', 'Theft from the person'] },
  { id: 'damage', categories: ['Criminal damage and arson'] },
  { id: 'drugs-weapons', categories: ['Drugs', 'Possession of weapons'] },
];

export interface WorkspaceSpec {
  area: string;
  force: string;
  districts: { name: string; aliases: string[] }[];
  themes: { id: string; categories: string[] }[];
  /** Police files: name in police/ → content. */
  police: Record<string, string | Buffer>;
  period: { end: string; months: number };
  /** population-by-district.csv of the realdata folder (Kent only). */
  kentPopulation?: boolean;
}

const q = (s: string) => JSON.stringify(s);

/** A workspace folder with csp.yaml and police/; returns the csp.yaml path. */
export function makeWorkspace(spec: WorkspaceSpec): string {
  const files: Record<string, string | Buffer> = {};
  for (const [name, content] of Object.entries(spec.police)) files[`police/${name}`] = content;
  if (spec.kentPopulation) files['population-by-district.csv'] = readFileSync(path.join(REALDATA, 'population-by-district.csv'));
  const population = spec.kentPopulation
    ? `  population:
    kind: population
    files: population-by-district.csv
    columns: {area: Area, level: Level, year: Year, population: Population}
`
    : '';
  files['csp.yaml'] = `partnership:
  name: Recount CSP
  area: ${q(spec.area)}
  force: ${q(spec.force)}
period:
  end: ${spec.period.end}
  months: ${spec.period.months}
geography:
  districts:
${spec.districts.map((d) => `    - name: ${q(d.name)}${d.aliases.length ? `\n      aliases: [${d.aliases.map(q).join(', ')}]` : ''}`).join('\n')}
sources:
  police:
    kind: police-uk-street
    files: police/*-street.csv*
${population}themes:
${spec.themes.map((t) => `  - id: ${t.id}\n    name: ${q(`Theme ${t.id}`)}\n    categories:\n      police: [${t.categories.map(q).join(', ')}]`).join('\n')}
${
  spec.kentPopulation
    ? ''
    : `# No populations here, so no rates: the ranking's volume is the share of all crime.
ranking:
  criteria:
    volume: {measure: share}
    trend: {}
`
}output:
  date: 2024-06-01
`;
  return path.join(workspace(files), 'csp.yaml');
}

/**
 * `csp assess` in-process, HTML only (the cheapest documents: assess has no way to skip them),
 * into a temporary folder; returns assessment.json. `today` pins the run's date
 * (SOURCE_DATE_EPOCH), which decides which months are in the future.
 */
export async function assess(config: string, o: { period?: string; today?: string } = {}): Promise<Assessment> {
  const out = mkdtempSync(path.join(tmpdir(), 'csp-recount-out-'));
  try {
    const env = o.today ? { SOURCE_DATE_EPOCH: String(Date.parse(`${o.today}T12:00:00Z`) / 1000) } : {};
    const r = await cli(['assess', '--config', config, '--out', out, '--format', 'html', '--quiet', ...(o.period ? ['--period', o.period] : [])], { env });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Removes a workspace made by makeWorkspace. */
export function removeWorkspace(config: string): void {
  rmSync(path.dirname(config), { recursive: true, force: true });
}

/**
 * A month's file relabelled as another month, for single-month datasets (no window fits one
 * month: the previous window needs data too). Every Month becomes `to`; every Crime ID becomes
 * a new one (SHA-256 of the month and the ID, so an ID repeated in the file is repeated in the
 * copy, and no ID repeats the real file's); every `dropEvery`-th data row is left out, so the
 * two months differ. Blank rows stay blank. The files have no quoted fields (checked).
 */
export function relabelled(text: string, to: string, dropEvery: number): string {
  const [header, ...lines] = text.split('\n');
  const cols = header!.split(',');
  const [cId, cMonth] = [cols.indexOf('Crime ID'), cols.indexOf('Month')];
  const out = [header];
  lines.forEach((line, i) => {
    if (line === '' || (i + 1) % dropEvery === 0) return;
    if (line.includes('"')) throw new Error('relabelled: quoted fields are not handled');
    const f = line.split(',');
    if (f[cMonth] !== '') f[cMonth] = to;
    if (f[cId] !== '') f[cId] = createHash('sha256').update(`${to}:${f[cId]}`).digest('hex');
    out.push(f.join(','));
  });
  return `${out.join('\n')}\n`;
}
