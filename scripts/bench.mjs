// `npm run bench`: csp against the floor and the alternatives, side by side on the same files.
//   node scripts/bench.mjs                 1,000,000 and 10,000,000 rows, writes BENCHMARKS.md
//   node scripts/bench.mjs --smoke --out D 50,000 rows into D (checks the bench works; npm test)
// Police files are generated once by the sample generator and cached in .bench-cache/.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, out: { type: 'string' }, sizes: { type: 'string' } } });
const sizes = values.sizes ? values.sizes.split(',').map(Number) : values.smoke ? [50_000] : [1_000_000, 10_000_000];
const cache = values.out ? path.resolve(values.out) : path.join(root, '.bench-cache');
const log = (s) => process.stderr.write(`${s}\n`);

/** A workspace: the sample partnership with the police files generated at `rows`. Cached. */
function workspace(rows) {
  const dir = path.join(cache, `ws-${rows}`);
  const marker = path.join(dir, '.complete');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${rows.toLocaleString('en-GB')} police rows in ${dir} (once; cached)`);
  execFileSync(process.execPath, [path.join(root, 'dist/samples/cli.js'), '--out', dir, '--rows', String(rows), '--plain', '--police-only'], { stdio: ['ignore', 'ignore', 'ignore'] });
  for (const folder of ['council', 'fire', 'population', 'survey', 'judgements', 'actions']) {
    cpSync(path.join(root, 'data-samples', folder), path.join(dir, folder), { recursive: true });
  }
  cpSync(path.join(root, 'data-samples', 'plan.yaml'), path.join(dir, 'plan.yaml'));
  writeFileSync(path.join(dir, 'csp.yaml'), readFileSync(path.join(root, 'data-samples', 'csp.yaml'), 'utf8').replace('dir: ../out', 'dir: out'));
  writeFileSync(marker, `${rows}\n`);
  return dir;
}

const hasTime = existsSync('/usr/bin/time');

/** Runs a command and measures wall time, CPU time (user + system) and peak memory (max RSS). */
function measure(label, command, args, opts = {}) {
  const wrapped = hasTime ? ['/usr/bin/time', ['-f', '__TIME__ %e %U %S %M', command, ...args]] : [command, args];
  const start = performance.now();
  const r = spawnSync(wrapped[0], wrapped[1], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1', ...opts.env }, cwd: opts.cwd ?? root });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${label} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const m = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return { label, wall: m ? Number(m[1]) : wall, cpu: m ? Number(m[2]) + Number(m[3]) : null, peakMb: m ? Number(m[4]) / 1024 : null };
}

function pandasPython() {
  const candidates = ['/usr/bin/python3', 'python3'];
  for (const py of candidates) {
    if (spawnSync(py, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0) return py;
  }
  if (!values.smoke && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log('installing Debian\'s python3-pandas for the comparison');
    spawnSync('apt-get', ['install', '-y', '-qq', 'python3-pandas'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0) return '/usr/bin/python3';
  }
  return null;
}

const csp = path.join(root, 'bin', 'csp.js');
const results = [];
const python = values.smoke ? null : pandasPython();
if (!python && !values.smoke) log('pandas is not installed and cannot be (Debian: apt-get install python3-pandas): the pandas comparison is skipped');

for (const rows of sizes) {
  const ws = workspace(rows);
  const police = path.join(ws, 'police');
  log(`\n${rows.toLocaleString('en-GB')} rows`);
  const floor = measure('bare DuckDB query', process.execPath, [path.join(root, 'scripts/bench-floor.mjs'), police]);
  const assess = measure('csp assess', process.execPath, [csp, 'assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html', '--quiet']);
  const row = { rows, floor, assess, pandas: null };
  if (python && rows <= 1_000_000) row.pandas = measure('pandas', python, [path.join(root, 'scripts/bench-pandas.py'), police]);
  results.push(row);
  for (const m of [floor, assess, row.pandas].filter(Boolean)) log(`  ${m.label.padEnd(20)} ${m.wall.toFixed(2)} s wall, ${m.cpu?.toFixed(2) ?? '?'} s CPU, ${m.peakMb?.toFixed(0) ?? '?'} MB peak`);
  log(`  assess / floor: ${(assess.wall / floor.wall).toFixed(2)}×`);
}

// Documents: render-plan (all documents, HTML + PDF) against printing an empty page in the same browser.
const { findBrowser } = await import(path.join(root, 'dist/render/browser.js'));
const browser = findBrowser(undefined, process.env);
let documents = null;
if (browser) {
  const ws = workspace(sizes[0]);
  const out = path.join(ws, 'out');
  if (!existsSync(path.join(out, 'assessment.json'))) measure('assess', process.execPath, [csp, 'assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html', '--quiet']);
  const empty = measure('empty page PDF', process.execPath, [path.join(root, 'scripts/bench-empty-pdf.mjs'), browser]);
  const render = measure('csp render-plan', process.execPath, [csp, 'render-plan', '--config', path.join(ws, 'csp.yaml'), '--format', 'html,pdf', '--quiet']);
  documents = { empty, render };
  log(`\nrender-plan ${render.wall.toFixed(2)} s against an empty page ${empty.wall.toFixed(2)} s: ${(render.wall / empty.wall).toFixed(2)}×`);
} else log('no browser: the render-plan comparison is skipped (csp doctor says how to get one)');

const report = { date: new Date().toISOString().slice(0, 10), machine: machine(), results, documents };
writeFileSync(path.join(cache, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
if (!values.smoke) writeFileSync(path.join(root, 'BENCHMARKS.md'), markdown(report));
log(`\nwrote ${values.smoke ? path.join(cache, 'bench.json') : 'BENCHMARKS.md'}`);

function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGb: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, node: process.versions.node };
}

function markdown(r) {
  const f = (m) => (m ? `${m.wall.toFixed(2)} s | ${m.cpu?.toFixed(2) ?? '?'} s | ${m.peakMb?.toFixed(0) ?? '?'} MB` : 'skipped | | ');
  const lines = [
    '# Benchmarks',
    '',
    `Measured on ${r.date} with \`npm run bench\` on: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, ${r.machine.os}, Node ${r.machine.node}.`,
    'Each command runs as its own process; wall and CPU time and peak memory (max RSS) come from GNU time. The police files are generated by',
    "the sample generator (plain CSV, as data.police.uk publishes them) and the rest of the sample partnership is as in data-samples/.",
    '',
    '| rows | command | wall | CPU | peak memory |',
    '|---:|---|---:|---:|---:|',
    ...r.results.flatMap((x) => [
      `| ${x.rows.toLocaleString('en-GB')} | bare DuckDB query (read + group-by) | ${f(x.floor)} |`,
      `| ${x.rows.toLocaleString('en-GB')} | csp assess (--format html) | ${f(x.assess)} |`,
      ...(x.pandas ? [`| ${x.rows.toLocaleString('en-GB')} | pandas read + group-by | ${f(x.pandas)} |`] : []),
    ]),
    '',
    '| ratio | measured | target |',
    '|---|---:|---:|',
    ...r.results.map((x) => `| assess / bare query, ${x.rows.toLocaleString('en-GB')} rows | ${(x.assess.wall / x.floor.wall).toFixed(2)}× | ${x.rows <= 1_000_000 ? '≤ 1.5×' : '–'} |`),
    ...r.results.filter((x) => x.pandas).map((x) => `| pandas / assess, ${x.rows.toLocaleString('en-GB')} rows | ${(x.pandas.wall / x.assess.wall).toFixed(2)}× | ≥ 3× |`),
    ...r.results.filter((x) => x.rows >= 10_000_000).map((x) => `| assess peak memory, ${x.rows.toLocaleString('en-GB')} rows | ${x.assess.peakMb?.toFixed(0) ?? '?'} MB | < 2,048 MB |`),
    ...(r.documents ? [`| render-plan (HTML + PDF, plan and Cabinet report) / empty-page PDF | ${(r.documents.render.wall / r.documents.empty.wall).toFixed(2)}× | ≤ 3× |`] : []),
    '',
    'Reproduce with `npm run bench` (the first run generates the police files into .bench-cache/, about 2.2 GB for 10,000,000 rows).',
    '',
  ];
  return lines.join('\n');
}
