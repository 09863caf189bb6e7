// What the maps of issue 24 add to `csp assess` on the sample workspace (Thanet), in one process,
// for `npm run bench` (target: under 1 s for all of them). Three parts, each the median of 5:
// reading the boundary files; the analysis with them against without (the maps section of
// assessment.json: LSOA codes matched, each LSOA's ward, every figure by LSOA and ward, hotspots
// over time), and the density section (in both, so timed on its own); drawing every map the assessment and the plan show, density map included. Prints
// one JSON object. Needs `npm run build`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Chalk } from 'chalk';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(root, 'dist', p));
const [
  { loadConfig },
  { runWindow },
  { readWorkspace },
  { readAreaBoundaries },
  { analyse },
  { mapViews },
  { densityMap },
  { publicWardMap },
  { densitySection },
  { allCrimeSelection },
] = await Promise.all([
  dist('config/load.js'),
  dist('core/calendar/periods.js'),
  dist('commands/workspace.js'),
  dist('ingest/boundaries/index.js'),
  dist('analyse/assess.js'),
  dist('render/views/maps.js'),
  dist('render/views/density-map.js'),
  dist('render/views/plan-map.js'),
  dist('analyse/maps/density.js'),
  dist('analyse/measures.js'),
]);

const io = {
  out: () => {},
  err: () => {},
  color: new Chalk({ level: 0 }),
  env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' },
  cwd: root,
  interactive: false,
};
const config = loadConfig(path.join(root, 'data-samples', 'csp.yaml'));
const window = runWindow(config.period);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(f, n = 5) {
  const times = [];
  let value;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    value = await f();
    times.push((performance.now() - t) / 1000);
  }
  return { seconds: median(times), value };
}

const { db, report, period } = await readWorkspace({ config, window, quiet: true }, io);
const base = { db, config, report, period, generatedOn: '2026-01-01', version: 'bench' };
const read = await timed(() => readAreaBoundaries(config));
const boundaries = read.value;
await analyse({ ...base, boundaries: null }); // warm: the first analysis compiles csp's code
const without = await timed(() => analyse({ ...base, boundaries: null }));
const withMaps = await timed(() => analyse({ ...base, boundaries }));
// The density section is in both analyses (it needs no boundaries): timed on its own.
const density = await timed(() =>
  densitySection({ db, config, period, figure: { figure: 'allCrime', name: 'All crime', selection: allCrimeSelection(config) } }),
);
db.close();
const a = withMaps.value;
const wards = boundaries.ward.find((l) => l.file === a.maps.wardFile);
const draw = await timed(() => {
  const views = mapViews(a, boundaries);
  const maps = [
    views.lsoaMap('allCrime', 'All crime'),
    ...a.themes.map((t) => views.lsoaMap(t.id, t.name)),
    ...views.wardMaps.map((w) => w.map),
    views.hotspots,
    densityMap(a, boundaries),
    publicWardMap(a, { wards, rounded: false, suppressBelow: config.output.suppressBelow }),
  ].filter(Boolean);
  return maps.length;
});
const analysis = Math.max(0, withMaps.seconds - without.seconds) + density.seconds;
process.stdout.write(
  `${JSON.stringify({ boundaries: read.seconds, analysis, drawing: draw.seconds, maps: draw.value, total: read.seconds + analysis + draw.seconds })}\n`,
);
