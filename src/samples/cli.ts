/**
 * The sample partnership generator: `npm run samples -- [--out DIR] [--rows N] [--seed S] [--plain]`.
 * Deterministic: the same seed gives the same bytes. Without --rows the police files have
 * realistic Kent volumes; --rows 1000000 or 10000000 scales them for benchmarks.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writePoliceFiles } from './police.js';
import { councilAsb, writeActions, writeAsbCsv, writeAsbXlsx, writeFireCounts, writeJudgements, writePopulation, writeSurvey } from './partners.js';
import { samplePlan } from './plan.js';
import { sampleLogo } from './logo.js';
import { sampleConfig } from './workspace.js';
import { sampleReadme } from './readme.js';

export const SAMPLE = {
  first: '2023-01',
  last: '2025-12',
  partialMonth: '2024-11',
  shepwayUntil: '2023-03',
  seed: 2026,
  area: 'Thanet',
};

/** Thanet's real ONS boundaries (test/fixtures/boundaries/, see its PROVENANCE.md), as the sample names them. */
const BOUNDARY_FIXTURES = fileURLToPath(new URL('../../test/fixtures/boundaries/', import.meta.url));
export const SAMPLE_BOUNDARY_FILES: Record<string, string> = {
  'lsoa-2021-thanet.geojson': 'lsoa-E07000114.geojson',
  'wards-2025-thanet.geojson': 'ward-E07000114.geojson',
};

/** Copies the boundary files into `dir`, byte for byte (the ONS files, unchanged). */
export function writeBoundaries(dir: string) {
  for (const [to, from] of Object.entries(SAMPLE_BOUNDARY_FILES)) copyFileSync(path.join(BOUNDARY_FIXTURES, from), path.join(dir, to));
}

export async function generateSamples(o: { out: string; rows: number; seed: number; gzip: boolean; policeOnly: boolean; log: (s: string) => void }) {
  const dir = (...p: string[]) => {
    const d = path.join(o.out, ...p);
    mkdirSync(d, { recursive: true });
    return d;
  };
  rmSync(path.join(o.out, 'police'), { recursive: true, force: true });
  const rows = await writePoliceFiles({
    outDir: dir('police'),
    first: SAMPLE.first,
    last: SAMPLE.last,
    seed: o.seed,
    rows: o.rows,
    focus: SAMPLE.area,
    partialMonth: SAMPLE.partialMonth,
    shepwayUntil: SAMPLE.shepwayUntil,
    gzip: o.gzip,
    onFile: (file, n) => o.log(`  ${path.relative(o.out, file)}  ${n.toLocaleString('en-GB')} rows`),
  });
  o.log(`police: ${rows.toLocaleString('en-GB')} rows`);
  if (o.policeOnly) return;
  const asb = councilAsb(SAMPLE.first, SAMPLE.last, o.seed + 1);
  writeAsbCsv(
    path.join(dir('council'), 'asb-complaints-2023-2024.csv'),
    asb.filter((r) => r.date.getUTCFullYear() <= 2024),
  );
  await writeAsbXlsx(
    path.join(dir('council'), 'asb-complaints-2025.xlsx'),
    asb.filter((r) => r.date.getUTCFullYear() === 2025),
  );
  writeFireCounts(path.join(dir('fire'), 'deliberate-fires-by-ward.csv'), SAMPLE.first, SAMPLE.last, o.seed + 2);
  const { districts } = writePopulation(dir('population'), SAMPLE.area);
  writeSurvey(path.join(dir('survey'), 'resident-survey-2025.csv'), 352, o.seed + 3);
  writeJudgements(path.join(dir('judgements'), 'stakeholder-scores-2025.csv'), o.seed + 4);
  writeActions(path.join(dir('actions'), 'action-plan-2025-26.csv'));
  writeBoundaries(dir('boundaries'));
  writeFileSync(path.join(o.out, 'csp.yaml'), sampleConfig({ periodEnd: SAMPLE.last }));
  writeFileSync(path.join(o.out, 'plan.yaml'), samplePlan());
  writeFileSync(path.join(o.out, 'logo.svg'), sampleLogo());
  writeFileSync(path.join(o.out, 'README.md'), sampleReadme({ districts, asbRows: asb.length, policeRows: rows }));
  o.log(`partners: ${asb.length.toLocaleString('en-GB')} council ASB complaints, fire, population, survey, judgements, actions`);
}

const USAGE = `Usage: npm run samples -- [options]
Writes the sample partnership (the same seed gives the same bytes).
  --out DIR       the folder to write (data-samples)
  --rows N        police rows over the 36 months, e.g. 1000000 for a benchmark
                  (without it, realistic volumes for Kent)
  --seed S        the random seed (${SAMPLE.seed})
  --plain         police files as .csv, not .csv.gz
  --police-only   only the police files
  -h, --help      this text`;

if (import.meta.url === `file://${process.argv[1]}`) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string', default: 'data-samples' },
        rows: { type: 'string', default: '0' },
        seed: { type: 'string', default: String(SAMPLE.seed) },
        plain: { type: 'boolean', default: false },
        'police-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 0) {
    console.error(`--rows must be a whole number of rows (got "${values.rows}")`);
    process.exit(2);
  }
  await generateSamples({
    out: path.resolve(values.out),
    rows,
    seed: Number(values.seed),
    gzip: !values.plain,
    policeOnly: values['police-only'],
    log: (s) => console.error(s),
  });
}
