import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import path from 'node:path';
import { monthIndex, monthRange } from '../core/calendar/months.js';
import { calibration, FORCE_DISTRICTS, type Lsoa } from './calibration.js';
import { cumulative, Random } from './random.js';

export const POLICE_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

/**
 * Yearly multipliers by category: the sample's trends (illustrative, not real figures).
 * Shoplifting rises steeply, burglary and ASB fall, violence is flat.
 */
const TREND: Record<string, number> = {
  'Anti-social behaviour': 0.9,
  'Bicycle theft': 0.94,
  Burglary: 0.92,
  'Criminal damage and arson': 0.97,
  Drugs: 1.06,
  'Other crime': 1.0,
  'Other theft': 0.98,
  'Possession of weapons': 1.08,
  'Public order': 1.03,
  Robbery: 1.04,
  Shoplifting: 1.2,
  'Theft from the person': 1.05,
  'Vehicle crime': 0.95,
  'Violence and sexual offences': 1.0,
};

/** Extra yearly change planted in the partnership's own district, so its picture differs from the force's. */
const FOCUS_TREND: Record<string, number> = { Drugs: 1.12, 'Possession of weapons': 1.1, 'Anti-social behaviour': 0.96 };

/** Seasonal amplitude and peak month by category (ASB and violence peak in summer, burglary in winter). */
const SEASON: Record<string, [number, number]> = {
  'Anti-social behaviour': [0.22, 7],
  'Violence and sexual offences': [0.08, 7],
  'Public order': [0.1, 7],
  Burglary: [0.12, 12],
  Shoplifting: [0.06, 12],
  'Criminal damage and arson': [0.1, 10],
  'Bicycle theft': [0.25, 7],
};

const OUTCOMES = [
  ['Unable to prosecute suspect', 38],
  ['Investigation complete; no suspect identified', 28],
  ['Under investigation', 9],
  ['Awaiting court outcome', 6],
  ['Action to be taken by another organisation', 3],
  ['Local resolution', 2],
  ['Offender given a caution', 1],
  ['Further investigation is not in the public interest', 0.5],
] as const;
const OUTCOME_CUM = cumulative(OUTCOMES.map((o) => o[1]));

const STREETS = [
  'High Street',
  'Church Road',
  'Station Road',
  'Park Avenue',
  'Victoria Road',
  'Albert Road',
  'Queens Road',
  'King Street',
  'Grange Road',
  'The Parade',
  'Marine Terrace',
  'Northdown Road',
  'Canterbury Road',
  'London Road',
  'Mill Lane',
  'Green Lane',
  'Manor Road',
  'York Street',
  'Hawley Street',
  'Union Crescent',
  'Sea View Road',
  'Harbour Street',
  'Beach Road',
  'Cliff Road',
  'Westbrook Avenue',
];
const PLACES = [
  'Supermarket',
  'Parking Area',
  'Shopping Area',
  'Petrol Station',
  'Sports/Recreation Area',
  'Nightclub',
  'Park/Open Space',
  'Pedestrian Subway',
  'Hospital',
  'Police Station',
];

export interface PoliceOptions {
  outDir: string;
  /** First and last month, YYYY-MM. */
  first: string;
  last: string;
  seed: number;
  /** Total rows wanted across all files; 0 means realistic Kent volumes. */
  rows: number;
  /** The district whose rows follow FOCUS_TREND (the sample partnership). */
  focus: string;
  /** Month published partially: crime rows at about 55% (ASB normal), as Kent Nov–Dec 2018. */
  partialMonth?: string;
  /** Months (inclusive, from `first`) that still call Folkestone and Hythe "Shepway". */
  shepwayUntil?: string;
  gzip: boolean;
  onFile?: (file: string, rows: number) => void;
}

interface Point {
  lon: string;
  lat: string;
  location: string;
}

/** Writes one data.police.uk street file per month for the whole force. Returns rows written. */
export async function writePoliceFiles(o: PoliceOptions): Promise<number> {
  const months = monthRange(o.first, o.last);
  const districts = Object.entries(calibration.districts);
  const realisticTotal = districts.reduce((a, [, d]) => a + Object.values(d.monthlyByCategory).reduce((x, y) => x + y, 0), 0) * months.length;
  const scale = o.rows > 0 ? o.rows / realisticTotal : 1;
  const points = new Map<string, Point[]>();
  const pointRandom = new Random(o.seed ^ 0x51ab);
  for (const [, d] of districts) for (const l of d.lsoas) points.set(l[0], mapPoints(l, pointRandom));
  // Centre the trends on the calibration months (Jan–Apr 2024), so volumes stay realistic.
  const anchor = monthIndex('2024-02');
  let written = 0;
  for (const month of months) {
    const random = new Random(o.seed + monthIndex(month) * 7919);
    const years = (monthIndex(month) - anchor) / 12;
    const calendarMonth = Number(month.slice(5));
    const idPrefix = createHash('sha256').update(`${o.seed}:${month}`).digest('hex').slice(0, 48);
    const lines: string[] = [];
    const noLocation: string[] = [];
    const ids: string[] = [];
    for (const [name, d] of districts) {
      const inForce = FORCE_DISTRICTS.includes(name);
      const shown = name === 'Folkestone and Hythe' && o.shepwayUntil && month <= o.shepwayUntil ? 'Shepway' : name;
      const lsoaCum = cumulative(d.lsoas.map((l) => l[2] + 0.5));
      for (const [category, base] of Object.entries(d.monthlyByCategory).sort()) {
        let mean = base * scale * Math.pow(TREND[category] ?? 1, years);
        if (name === o.focus) mean *= Math.pow(FOCUS_TREND[category] ?? 1, years);
        const [amplitude, peak] = SEASON[category] ?? [0.04, 7];
        mean *= 1 + amplitude * Math.cos((2 * Math.PI * (calendarMonth - peak)) / 12);
        const asb = category === 'Anti-social behaviour';
        if (month === o.partialMonth && !asb) mean *= 0.55;
        const n = random.poisson(mean);
        for (let i = 0; i < n; i++) {
          const id = asb ? '' : `${idPrefix}${random.hex(16)}`;
          if (id) ids.push(id);
          const outcome = asb ? '' : OUTCOMES[random.weighted(OUTCOME_CUM)]![0];
          // About 1% of crimes (never ASB in the real files' pattern) are published with no location.
          if (inForce && !asb && random.next() < 0.01) {
            noLocation.push(`${id},${month},Kent Police,Kent Police,,,No Location,,,${category},${outcome},`);
            continue;
          }
          const lsoa = d.lsoas[random.weighted(lsoaCum)]!;
          const p = random.pick(points.get(lsoa[0])!);
          const lsoaName = shown === name ? lsoa[1] : lsoa[1].replace(name, shown);
          lines.push(`${id},${month},Kent Police,Kent Police,${p.lon},${p.lat},${p.location},${lsoa[0]},${lsoaName},${category},${outcome},`);
        }
      }
    }
    // A few Crime IDs repeat within a month in the real files: plant two or three.
    const repeats = Math.min(ids.length, random.int(1, 3));
    for (let i = 0; i < repeats; i++) {
      const at = random.int(0, lines.length - 1);
      const line = lines[at]!;
      if (line.startsWith(',')) continue;
      lines.splice(at + 1, 0, line);
    }
    lines.sort(byLsoaName);
    const body = `${POLICE_HEADER}\n${lines.join('\n')}${noLocation.length ? `\n${noLocation.join('\n')}` : ''}\n`;
    const file = path.join(o.outDir, `${month}-kent-street.csv${o.gzip ? '.gz' : ''}`);
    await writeText(file, body, o.gzip);
    const rows = lines.length + noLocation.length;
    written += rows;
    o.onFile?.(file, rows);
  }
  return written;
}

/** Like data.police.uk's anonymised map points: a few fixed points per LSOA, each "On or near" a place. */
function mapPoints(l: Lsoa, random: Random): Point[] {
  const count = random.int(6, 14);
  return Array.from({ length: count }, () => ({
    lon: (l[4] + (random.next() - 0.5) * 0.012).toFixed(6),
    lat: (l[5] + (random.next() - 0.5) * 0.008).toFixed(6),
    location: `On or near ${random.next() < 0.8 ? random.pick(STREETS) : random.pick(PLACES)}`,
  }));
}

function byLsoaName(a: string, b: string): number {
  const ka = a.split(',')[8]!;
  const kb = b.split(',')[8]!;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export async function writeText(file: string, text: string, gzip: boolean): Promise<void> {
  if (!gzip) {
    const out = createWriteStream(file);
    out.end(text);
    await once(out, 'finish');
    return;
  }
  // mtime 0 in the gzip header keeps the bytes identical run to run.
  await pipeline(Readable.from([Buffer.from(text)]), createGzip({ level: 9 }), createWriteStream(file));
}
