import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { monthRange } from '../core/calendar/months.js';
import { calibration, districtPopulation, FORCE_DISTRICTS } from './calibration.js';
import { cumulative, Random } from './random.js';
import { stableZip } from '../util/stable-zip.js';

/** Thanet's wards (2015 boundaries), with illustrative shares of the population. */
export const WARDS: [string, number][] = [
  ['Beacon Road', 5.1],
  ['Birchington North', 4.1],
  ['Birchington South', 5.6],
  ['Bradstowe', 4.0],
  ['Central Harbour', 6.0],
  ['Cliffsend and Pegwell', 3.0],
  ['Cliftonville East', 4.6],
  ['Cliftonville West', 6.6],
  ['Dane Valley', 5.8],
  ['Eastcliff', 5.9],
  ['Garlinge', 4.4],
  ['Kingsgate', 2.0],
  ['Margate Central', 3.5],
  ['Nethercourt', 3.6],
  ['Newington', 3.8],
  ['Northwood', 5.9],
  ['Salmestone', 4.3],
  ['Sir Moses Montefiore', 3.9],
  ['St Peters', 4.3],
  ['Thanet Villages', 4.3],
  ['Viking', 4.1],
  ['Westbrook', 3.6],
  ['Westgate-on-Sea', 5.3],
];
/** Wards where the sample concentrates ASB and fires (hotspots to find). */
const HOT_WARDS = new Set(['Cliftonville West', 'Margate Central', 'Central Harbour', 'Eastcliff']);

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
export const csvLine = (cells: (string | number)[]) => cells.map(csvCell).join(',');

function wardWeights(hotFactor: number): number[] {
  return cumulative(WARDS.map(([w, share]) => share * (HOT_WARDS.has(w) ? hotFactor : 1)));
}

const dmy = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

function dayIn(month: string, random: Random): Date {
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
  return new Date(Date.UTC(y!, m! - 1, random.int(1, days)));
}

const ASB_TYPES: [string, number, number][] = [
  // type, share, yearly trend (illustrative)
  ['Noise nuisance', 30, 0.97],
  ['Neighbour dispute', 18, 1.0],
  ['Youth-related ASB', 14, 0.92],
  ['Street drinking', 8, 1.04],
  ['Drug-related ASB', 9, 1.12],
  ['Fly-tipping', 11, 1.02],
  ['Vandalism and graffiti', 7, 0.95],
  ['Begging', 3, 1.08],
];
const FIRST = ['Alex', 'Sam', 'Jo', 'Chris', 'Pat', 'Jamie', 'Robin', 'Morgan', 'Taylor', 'Jordan'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker', 'White'];
const DETAILS = [
  'Loud music from neighbour’s flat until 3am – ongoing for weeks',
  'Group of youths on the green throwing bottles; résidents worried',
  'Rubbish dumped in the alley behind the shops — third time this month',
  'People drinking and shouting outside the café every evening',
  'Suspected drug dealing from the car park “most nights”',
  'Graffiti on the bus shelter, 2 foot high',
];

export interface AsbRow {
  ref: string;
  date: Date;
  type: string;
  ward: string;
  repeat: boolean;
  name: string;
  address: string;
  details: string;
}

/** Council ASB complaints, record level, with the personal data a real case system exports. */
export function councilAsb(first: string, last: string, seed: number): AsbRow[] {
  const random = new Random(seed);
  const wards = wardWeights(2.2);
  const rows: AsbRow[] = [];
  let ref = 20_000;
  for (const month of monthRange(first, last)) {
    const years = Number(month.slice(0, 4)) - 2024 + (Number(month.slice(5)) - 6.5) / 12;
    const summer = 1 + 0.2 * Math.cos((2 * Math.PI * (Number(month.slice(5)) - 7)) / 12);
    for (const [type, share, trend] of ASB_TYPES) {
      const n = random.poisson(1.3 * share * summer * Math.pow(trend, years));
      for (let i = 0; i < n; i++) {
        const street = random.pick(['Northdown Road', 'Athelstan Road', 'Dalby Square', 'High Street', 'Grosvenor Place', 'Union Row']);
        rows.push({
          ref: `ASB-${++ref}`,
          date: dayIn(month, random),
          type,
          ward: WARDS[random.weighted(wards)]![0],
          repeat: random.next() < 0.22,
          name: `${random.pick(FIRST)} ${random.pick(LAST)}`,
          address: `${random.int(1, 120)} ${street}, Margate`,
          details: random.pick(DETAILS),
        });
      }
    }
  }
  return rows.sort((a, b) => a.date.getTime() - b.date.getTime() || a.ref.localeCompare(b.ref));
}

export const ASB_HEADER = ['Case Ref', 'Date Received', 'Complaint Type', 'Ward', 'Repeat Complainant', 'Complainant Name', 'Address', 'Details'];

/** The CSV export, in Windows-1252 with dd/mm/yyyy dates, as the council's case system writes it. */
export function writeAsbCsv(file: string, rows: AsbRow[]): void {
  const text = [ASB_HEADER, ...rows.map((r) => [r.ref, dmy(r.date), r.type, r.ward, r.repeat ? 'Y' : 'N', r.name, r.address, r.details])]
    .map(csvLine)
    .join('\r\n');
  writeFileSync(file, encodeWindows1252(`${text}\r\n`));
}

/** Windows-1252 for the characters the sample uses (Latin-1 plus curly quotes and dashes). */
export function encodeWindows1252(text: string): Buffer {
  const extra: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    out[i] = extra[ch] ?? (code < 256 ? code : 0x3f);
  }
  return out;
}

export async function writeAsbXlsx(file: string, rows: AsbRow[]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // Fixed dates keep the workbook's bytes the same run to run.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 0, 5));
  workbook.creator = 'csp sample generator';
  const sheet = workbook.addWorksheet('ASB cases');
  sheet.addRow(ASB_HEADER);
  for (const r of rows) sheet.addRow([r.ref, r.date, r.type, r.ward, r.repeat ? 'Yes' : 'No', r.name, r.address, r.details]);
  sheet.getColumn(2).numFmt = 'dd/mm/yyyy';
  writeFileSync(file, await stableZip(Buffer.from(await workbook.xlsx.writeBuffer())));
}

/** Kent Fire and Rescue-style monthly returns: deliberate fires by ward. */
export function writeFireCounts(file: string, first: string, last: string, seed: number): void {
  const random = new Random(seed);
  const lines = [csvLine(['Month', 'Ward', 'Incident Type', 'Incidents'])];
  for (const month of monthRange(first, last)) {
    const m = Number(month.slice(5));
    const years = Number(month.slice(0, 4)) - 2024 + (m - 6.5) / 12;
    // Secondary fires (rubbish, grass) peak in spring and summer and around bonfire night.
    const season = 1 + 0.45 * Math.cos((2 * Math.PI * (m - 5)) / 12) + (m === 11 ? 0.5 : 0);
    for (const [ward, share] of WARDS) {
      const hot = HOT_WARDS.has(ward) ? 2.5 : 1;
      lines.push(csvLine([month, ward, 'Deliberate primary fire', random.poisson(0.012 * share * hot * Math.pow(1.05, years))]));
      lines.push(csvLine([month, ward, 'Deliberate secondary fire', random.poisson(0.055 * share * hot * season * Math.pow(1.15, years))]));
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export function writePopulation(dir: string, area: string): { districts: { name: string; population: number; method: string }[] } {
  const districts = FORCE_DISTRICTS.map((name) => ({ name, ...districtPopulation(name) }));
  writeFileSync(
    path.join(dir, 'population-by-district.csv'),
    `${[csvLine(['Area', 'Level', 'Year', 'Population']), ...districts.map((d) => csvLine([d.name, 'district', 2017, d.population]))].join('\n')}\n`,
  );
  const total = districts.find((d) => d.name === area)!.population;
  const shares = WARDS.reduce((a, [, s]) => a + s, 0);
  let left = total;
  const wards = WARDS.map(([ward, share], i) => {
    const p = i === WARDS.length - 1 ? left : Math.round((total * share) / shares);
    left -= p;
    return csvLine([ward, 'ward', 2017, p]);
  });
  writeFileSync(path.join(dir, 'population-by-ward.csv'), `${[csvLine(['Area', 'Level', 'Year', 'Population']), ...wards].join('\n')}\n`);
  // The area's LSOAs with their ONS mid-2017 populations, so hotspots can be ranked by rate.
  const lsoas = calibration.districts[area]!.lsoas.filter((l) => l[3] !== null).map((l) => csvLine([l[1], 'lsoa', 2017, l[3]!]));
  writeFileSync(path.join(dir, 'population-by-lsoa.csv'), `${[csvLine(['Area', 'Level', 'Year', 'Population']), ...lsoas].join('\n')}\n`);
  return { districts };
}

export const SURVEY_OPTIONS: [string, number][] = [
  ['Anti-social behaviour', 0.62],
  ['Drug dealing and drug use', 0.55],
  ['Violence', 0.24],
  ['Burglary', 0.21],
  ['Shoplifting', 0.18],
  ['Vehicle crime', 0.17],
  ['Deliberate fires', 0.07],
  ['Speeding and road safety', 0.41],
  ['Rowdy or drunken behaviour', 0.26],
  ['Street drinking', 0.29],
  ['Domestic abuse', 0.15],
  ['Fly-tipping', 0.38],
];
const AGREE: [string, number][] = [
  ['Strongly agree', 28],
  ['Agree', 48],
  ['Neither agree nor disagree', 13],
  ['Disagree', 6],
  ['Strongly disagree', 2],
  ["Don't know", 3],
];
const SAFE_DAY: [string, number][] = [
  ['Very safe', 38],
  ['Fairly safe', 47],
  ['Fairly unsafe', 10],
  ['Very unsafe', 3],
  ["Don't know", 2],
];
const SAFE_DARK: [string, number][] = [
  ['Very safe', 9],
  ['Fairly safe', 36],
  ['Fairly unsafe', 33],
  ['Very unsafe', 19],
  ["Don't know", 3],
];
const COMMENTS = [
  'More police on foot in Cliftonville please.',
  'The seafront is much better than last year.',
  'Dealing outside the station every evening, it needs sorting.',
  'Street lighting on our road is poor & people speed.',
  "I don't go into town after dark any more.",
  'Fly-tipping in the alleys is a constant problem.',
];

/** The resident perception survey: one row a response (illustrative answers). */
export function writeSurvey(file: string, responses: number, seed: number): void {
  const random = new Random(seed);
  const choose = (opts: [string, number][]) => opts[random.weighted(cumulative(opts.map((o) => o[1])))]![0];
  const wards = wardWeights(1);
  const header = [
    'Response ID',
    'Date',
    'Ward',
    'Which of these are problems in your area?',
    'To what extent do you agree with the proposed priorities?',
    'How safe do you feel outside in your local area during the day?',
    'How safe do you feel outside in your local area after dark?',
    'Any other comments',
  ];
  const lines = [csvLine(header)];
  for (let i = 1; i <= responses; i++) {
    const problems = SURVEY_OPTIONS.filter(([, p]) => random.next() < p).map(([o]) => o);
    const day = dayIn(random.pick(['2025-09', '2025-10']), random);
    lines.push(
      csvLine([
        `R${String(i).padStart(4, '0')}`,
        dmy(day),
        WARDS[random.weighted(wards)]![0],
        problems.join('; '),
        choose(AGREE),
        choose(SAFE_DAY),
        choose(SAFE_DARK),
        random.next() < 0.15 ? random.pick(COMMENTS) : '',
      ]),
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const PRACTITIONERS: [string, string][] = [
  ['Community safety manager', 'Thanet District Council'],
  ['ASB officer', 'Thanet District Council'],
  ['District commander', 'Kent Police'],
  ['Neighbourhood inspector', 'Kent Police'],
  ['Station manager', 'Kent Fire and Rescue Service'],
  ['Head of service', 'Probation Service'],
  ['Public health specialist', 'Kent County Council'],
  ['Housing manager', 'Thanet District Council'],
  ['Youth services lead', 'Kent County Council'],
  ['Partnership manager', 'Integrated Care Board'],
  ['Victim services lead', 'Victim support'],
];

/** Illustrative influence and vulnerability scores (1–5) per theme from the stakeholder event. */
export const JUDGED: Record<string, [number, number]> = {
  'Anti-social behaviour': [4.2, 3.0],
  'Violence and sexual offences': [2.6, 4.6],
  'Serious violence and weapons': [2.9, 4.4],
  Drugs: [3.4, 4.0],
  'Acquisitive crime': [2.8, 2.4],
  'Shoplifting and retail crime': [3.1, 1.8],
  'Criminal damage and deliberate fires': [3.6, 2.6],
  'Public order': [2.7, 2.2],
};

export function writeJudgements(file: string, seed: number): void {
  const random = new Random(seed);
  const lines = [csvLine(['Practitioner', 'Agency', 'Theme', 'Influence (1-5)', 'Vulnerability (1-5)'])];
  for (const [role, agency] of PRACTITIONERS) {
    for (const [theme, [influence, vulnerability]] of Object.entries(JUDGED)) {
      const around = (x: number) => Math.min(5, Math.max(1, Math.round(x + random.normal() * 0.8)));
      lines.push(csvLine([role, agency, theme, around(influence), around(vulnerability)]));
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Last year's action plan with statuses and measures (illustrative, in the seeds' style). */
export function writeActions(file: string): void {
  const rows: (string | number)[][] = [
    ['Priority', 'Action', 'Status', 'Measure', 'Baseline', 'Latest'],
    ['Anti-social behaviour', 'Use Community Protection Notices where warnings have failed', 'Completed', 'Community Protection Notices issued', 34, 74],
    ['Anti-social behaviour', 'Joint patrols in Margate town centre during the summer', 'Completed', 'Joint patrol shifts', 40, 96],
    ['Anti-social behaviour', 'Refresh the Public Spaces Protection Order for Margate', 'Carried forward', '', '', ''],
    ['Drugs', 'Close properties used for dealing ("cuckooing") with Closure Orders', 'Ongoing', 'Closure Orders obtained', 3, 7],
    ['Drugs', 'Referral pathway from custody into treatment', 'Ongoing', 'Referrals into treatment', 112, 149],
    ['Serious violence and weapons', 'Knife arch and weapon sweeps at the seafront events', 'Completed', 'Weapon sweeps', 6, 14],
    ['Serious violence and weapons', 'Publish the Serious Violence Duty strategic needs assessment', 'Completed', '', '', ''],
    ['Violence and sexual offences', 'Safe Space venues for women and girls in the night-time economy', 'Ongoing', 'Safe Space venues', 5, 12],
    ['Criminal damage and deliberate fires', 'Remove fly-tipping and fire-setting hotspots with landlords', 'Ongoing', 'Sites cleared', 18, 31],
  ];
  writeFileSync(file, `${rows.map(csvLine).join('\n')}\n`);
}
