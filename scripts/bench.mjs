// `npm run bench`: csp against the floor and the alternatives, side by side on the same files.
//   node scripts/bench.mjs                 1,000,000 and 10,000,000 rows, writes BENCHMARKS.md
//   node scripts/bench.mjs --smoke --out D 50,000 rows into D (checks the bench works; npm test)
//   node scripts/bench.mjs --report        BENCHMARKS.md again from the last run's .bench-cache/bench.json
//   node scripts/bench.mjs --national      also the national run: 21 forces' three years (21 × 1,000,000 rows, about 4.6 GB)
// Police files are generated once by the sample generator and cached in .bench-cache/.
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    sizes: { type: 'string' },
    runs: { type: 'string' },
    report: { type: 'boolean', default: false },
    national: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
// Each command runs this many times and its median run is kept: these machines are shared.
const runs = Number(values.runs ?? (values.smoke ? 1 : 3));
const sizes = values.sizes ? values.sizes.split(',').map(Number) : values.smoke ? [50_000] : [1_000_000, 10_000_000];
const cache = values.out ? path.resolve(values.out) : path.join(root, '.bench-cache');
const log = (s) => process.stderr.write(`${s}\n`);

/** A workspace: the sample partnership with the police files generated at `rows`. Cached. */
function workspace(rows) {
  const dir = path.join(cache, `ws-${rows}`);
  const marker = path.join(dir, '.complete');
  // The sample's logo and boundaries are copied every time: a cache made before the sample had them lacks them.
  const logo = () => {
    cpSync(path.join(root, 'data-samples', 'logo.svg'), path.join(dir, 'logo.svg'));
    cpSync(path.join(root, 'data-samples', 'boundaries'), path.join(dir, 'boundaries'), { recursive: true });
    writeFileSync(path.join(dir, 'csp.yaml'), readFileSync(path.join(root, 'data-samples', 'csp.yaml'), 'utf8').replace('dir: ../out', 'dir: out'));
  };
  if (existsSync(marker)) return (logo(), dir);
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${rows.toLocaleString('en-GB')} police rows in ${dir} (once; cached)`);
  execFileSync(process.execPath, [path.join(root, 'dist/samples/cli.js'), '--out', dir, '--rows', String(rows), '--plain', '--police-only'], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  for (const folder of ['council', 'fire', 'population', 'survey', 'judgements', 'actions']) {
    cpSync(path.join(root, 'data-samples', folder), path.join(dir, folder), { recursive: true });
  }
  cpSync(path.join(root, 'data-samples', 'plan.yaml'), path.join(dir, 'plan.yaml'));
  logo();
  writeFileSync(path.join(dir, 'csp.yaml'), readFileSync(path.join(root, 'data-samples', 'csp.yaml'), 'utf8').replace('dir: ../out', 'dir: out'));
  writeFileSync(marker, `${rows}\n`);
  return dir;
}

if (values.report) {
  const last = JSON.parse(readFileSync(path.join(cache, 'bench.json'), 'utf8'));
  // --report --profile: the last run's report with the profile taken now (a run made before the bench took one).
  if (values.profile) {
    last.profile = sqlProfile(workspace(last.results[0].rows), last.results[0].rows);
    writeFileSync(path.join(cache, 'bench.json'), `${JSON.stringify(last, null, 2)}\n`);
  }
  writeFileSync(path.join(root, 'BENCHMARKS.md'), markdown(last));
  log('wrote BENCHMARKS.md from the last run');
  process.exit(0);
}

/**
 * The same workspace with its police files made anew from the plain ones: `writePolice(from, to)`
 * for each file, the rest copied as it is. Cached in ws-<rows>-<suffix>.
 */
async function derivedWorkspace(rows, suffix, writePolice) {
  const plain = workspace(rows);
  const dir = path.join(cache, `ws-${rows}-${suffix}`);
  const marker = path.join(dir, '.complete');
  if (existsSync(marker)) {
    // Kept in step with the plain workspace's settings, logo and boundaries (a cache may be older).
    for (const f of ['csp.yaml', 'logo.svg', 'boundaries']) cpSync(path.join(plain, f), path.join(dir, f), { recursive: true });
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  log(`writing the police files of ${dir} (once; cached)`);
  cpSync(plain, dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}police${path.sep}`) && !src.endsWith(`${path.sep}out`) && !src.endsWith('.complete'),
  });
  mkdirSync(path.join(dir, 'police'), { recursive: true });
  for (const f of readdirSync(path.join(plain, 'police'))) await writePolice(path.join(plain, 'police', f), path.join(dir, 'police', f));
  writeFileSync(marker, `${rows}\n`);
  return dir;
}

/** The same workspace with its police files gzipped (.csv.gz, as the sample ships them). Cached. */
const gzipWorkspace = (rows) =>
  derivedWorkspace(rows, 'gz', (from, to) => pipeline(createReadStream(from), createGzip({ level: 1 }), createWriteStream(`${to}.gz`)));

/**
 * The same workspace with 1 police row in `every` kept (about 10,000 rows): what `csp assess`
 * costs whatever the volume (starting up, the six other sources, analysis, every output). Cached.
 */
async function thinWorkspace(rows) {
  const every = Math.max(1, Math.floor(rows / FIXED_ROWS));
  const dir = await derivedWorkspace(rows, 'thin', (from, to) => {
    // The header, then every `every`-th row (the generator writes one row a line, no quoted line breaks).
    const kept = readFileSync(from, 'utf8')
      .split('\n')
      .filter((line, i) => i === 0 || (line !== '' && i % every === 0));
    writeFileSync(to, `${kept.join('\n')}\n`);
  });
  return { dir, every };
}
/**
 * The same workspace with 9 police rows in 10 given a Crime ID already read in their file (one
 * per file), so that they are rejected as repeats: rejects must not be a cliff. Cached.
 */
const rejectsWorkspace = (rows) =>
  derivedWorkspace(rows, 'rejects', (from, to) => {
    const id = `repeated-${path.basename(from, '.csv')}`;
    const lines = readFileSync(from, 'utf8').split('\n');
    const out = lines.map((line, i) => (i === 0 || line === '' || i % 10 === 1 ? line : `${id}${line.slice(line.indexOf(','))}`));
    writeFileSync(to, out.join('\n'));
  });

/** How many forces the national run stands for (each with the 1,000,000-row workspace's three years). */
const FORCES = 21;

/**
 * A national run: every force's three years, as 21 copies of each month's 1,000,000-row file in
 * one file a month (its Crime IDs made unique by the copy's number), about 21,000,000 rows. Cached.
 */
const nationalWorkspace = () =>
  derivedWorkspace(1_000_000, 'national', async (from, to) => {
    const [header, ...lines] = readFileSync(from, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const out = createWriteStream(to);
    out.write(`${header}\n`);
    for (let force = 0; force < FORCES; force++) {
      // A Crime ID is 64 hex digits, or empty (ASB): the copy's number ends it.
      const text = lines.map((l) => (l.startsWith(',') ? l : `${l.slice(0, 62)}${force.toString(16).padStart(2, '0')}${l.slice(64)}`)).join('\n');
      if (!out.write(`${text}\n`)) await new Promise((r) => out.once('drain', r));
    }
    await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  });

/** About how many police rows the fixed-cost run reads. */
const FIXED_ROWS = 10_000;

const hasTime = existsSync('/usr/bin/time');

/** The median (by wall time) of `runs` runs of a command. */
function measure(label, command, args, opts = {}) {
  return measureTogether([{ label, command, args, opts }])[0];
}

/**
 * The commands compared with each other, run in turn round after round (A B A B …, not A A B B),
 * so that a change in the machine's load during the bench falls on all of them alike; the median
 * run (by wall time) of each.
 */
function measureTogether(commands) {
  const all = commands.map(() => []);
  for (let round = 0; round < runs; round++) {
    commands.forEach((c, i) => all[i].push(measureOnce(c.label, c.command, c.args, c.opts)));
  }
  return all.map((list) => list.sort((a, b) => a.wall - b.wall)[Math.floor(list.length / 2)]);
}

/**
 * The machine's CPU time so far, and how much of it the hypervisor took for other machines
 * (steal, in /proc/stat): on a shared virtual machine a run can be slowed by half without csp
 * doing anything differently, so the report says how much was taken. Null where there is no /proc.
 */
function cpuTimes() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/** The share of the machine's CPU time stolen between two cpuTimes(), in per cent. */
function stolenPct(from, to) {
  if (!from || !to || to.total <= from.total) return null;
  return (100 * (to.steal - from.steal)) / (to.total - from.total);
}

/** Runs a command and measures wall time, CPU time (user + system) and peak memory (max RSS). */
function measureOnce(label, command, args, opts = {}) {
  const before = cpuTimes();
  const wrapped = hasTime ? ['/usr/bin/time', ['-f', '__TIME__ %e %U %S %M %I', command, ...args]] : [command, args];
  const start = performance.now();
  const r = spawnSync(wrapped[0], wrapped[1], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    cwd: opts.cwd ?? root,
  });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${label} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const m = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)(?: (\d+))?/.exec(r.stderr);
  // The steps csp prints ("✔ read 7 sources, … (2.2s)"): where its time went.
  const steps = [...r.stderr.matchAll(/✔ (.+?) \((\d+\.\d)s\)/g)].map((x) => ({ step: x[1], seconds: Number(x[2]) }));
  // CSP_TRACE_SQL=1: each query's time, summed by what it makes.
  const sqlSteps = opts.env?.CSP_TRACE_SQL ? queryTimeBySteps(r.stderr) : null;
  // CSP_TRACE_PRINT=1: each step of printing, at its time since the process started.
  const printSteps = [...r.stderr.matchAll(/^print at +(\d+) ms {2}([^:\n]+)(?:: (.+))?$/gm)].map((x) => ({
    at: Number(x[1]) / 1000,
    step: x[2],
    document: x[3] ?? null,
  }));
  return {
    label,
    wall: m ? Number(m[1]) : wall,
    cpu: m ? Number(m[2]) + Number(m[3]) : null,
    peakMb: m ? Number(m[4]) / 1024 : null,
    // What it read from the disk itself (file system inputs, 512-byte blocks), not from the page cache.
    diskReadMb: m?.[5] !== undefined ? (Number(m[5]) * 512) / 1e6 : null,
    steps,
    ...(printSteps.length > 0 && { printSteps }),
    ...(sqlSteps && { sqlSteps }),
    stolenPct: stolenPct(before, cpuTimes()),
  };
}

function pandasPython() {
  const candidates = ['/usr/bin/python3', 'python3'];
  for (const py of candidates) {
    if (spawnSync(py, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0) return py;
  }
  if (!values.smoke && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log("installing Debian's python3-pandas for the comparison");
    spawnSync('apt-get', ['install', '-y', '-qq', 'python3-pandas'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0) return '/usr/bin/python3';
  }
  return null;
}

const csp = path.join(root, 'bin', 'csp.js');
const benchStart = cpuTimes();
/** `csp assess` on a workspace, as the bench times it. */
const assessArgs = (ws, ...more) => [csp, 'assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html', ...more];
const results = [];
// What a run pays before it reads anything: Node and csp's command line; Node and DuckDB.
const [startup, floorStartup] = measureTogether([
  { label: 'csp --version', command: process.execPath, args: [csp, '--version'] },
  { label: 'DuckDB, no query', command: process.execPath, args: [path.join(root, 'scripts/bench-floor.mjs'), '--no-query'] },
]);
log(`startup: csp ${startup.wall.toFixed(2)} s, Node + DuckDB ${floorStartup.wall.toFixed(2)} s`);
const python = values.smoke ? null : pandasPython();
if (!python && !values.smoke) log('pandas is not installed and cannot be (Debian: apt-get install python3-pandas): the pandas comparison is skipped');

for (const rows of sizes) {
  const ws = workspace(rows);
  const police = path.join(ws, 'police');
  log(`\n${rows.toLocaleString('en-GB')} rows`);
  const commands = [
    { label: 'bare DuckDB query', command: process.execPath, args: [path.join(root, 'scripts/bench-floor.mjs'), police] },
    { label: 'csp assess', command: process.execPath, args: assessArgs(ws) },
  ];
  // The first size also measures what assess costs whatever the volume.
  const thin = rows === sizes[0] ? await thinWorkspace(rows) : null;
  if (thin) {
    commands.push(
      { label: 'csp assess, fixed cost', command: process.execPath, args: assessArgs(thin.dir) },
      { label: 'bare DuckDB query, fixed cost', command: process.execPath, args: [path.join(root, 'scripts/bench-floor.mjs'), path.join(thin.dir, 'police')] },
    );
  }
  // Many rejects: 9 rows in 10 rejected, against the clean run in the same rounds.
  if (rows === sizes[0])
    commands.push({ label: 'csp assess, 9 rows in 10 rejected', command: process.execPath, args: assessArgs(await rejectsWorkspace(rows)) });
  if (python && rows <= 1_000_000) commands.push({ label: 'pandas', command: python, args: [path.join(root, 'scripts/bench-pandas.py'), police] });
  // Gzipped files hold ten times the rows per byte: memory must not grow with that either.
  if (rows >= 10_000_000) commands.push({ label: 'csp assess, .csv.gz', command: process.execPath, args: assessArgs(await gzipWorkspace(rows)) });
  const [floor, assess, ...others] = measureTogether(commands);
  const fixed = others.find((m) => m.label === 'csp assess, fixed cost');
  const floorFixed = others.find((m) => m.label === 'bare DuckDB query, fixed cost');
  const row = {
    rows,
    floor,
    assess,
    pandas: others.find((m) => m.label === 'pandas') ?? null,
    gzip: others.find((m) => m.label.endsWith('.csv.gz')),
    fixed: fixed ? { ...fixed, every: thin.every } : null,
    floorFixed: floorFixed ?? null,
    rejects: others.find((m) => m.label.endsWith('rejected')) ?? null,
  };
  results.push(row);
  for (const m of [floor, assess, row.fixed, row.floorFixed, row.rejects, row.pandas, row.gzip].filter(Boolean))
    log(`  ${m.label.padEnd(30)} ${m.wall.toFixed(2)} s wall, ${m.cpu?.toFixed(2) ?? '?'} s CPU, ${m.peakMb?.toFixed(0) ?? '?'} MB peak`);
  log(`  assess / floor: ${(assess.wall / floor.wall).toFixed(2)}×`);
}

// The profile of one assess on the first size's police rows: each DuckDB query's time (CSP_TRACE_SQL=1).
const profile = sqlProfile(workspace(sizes[0]), sizes[0]);
// The scan taken apart against the bare query (scripts/bench-scan.mjs), and where the fixed-cost
// run's main thread spends its time (scripts/bench-profile.mjs).
const scan = scriptJson('bench-scan.mjs', workspace(sizes[0]));
const fixedProfile = scriptJson('bench-profile.mjs', (await thinWorkspace(sizes[0])).dir);

// National: one run of every force's three years (once: it takes a while), rows read = accepted + rejected.
let national = null;
if (values.national) {
  const ws = await nationalWorkspace();
  log('\nnational run');
  // Traced (CSP_TRACE_SQL=1: a line on stderr per query), for where its time goes.
  const m = measureOnce('csp assess, national', process.execPath, assessArgs(ws), { env: { CSP_TRACE_SQL: '1' } });
  national = { ...m, rows: FORCES * 1_000_000, accounting: accounting(ws) };
  log(
    `  ${m.label.padEnd(30)} ${m.wall.toFixed(2)} s wall, ${m.cpu?.toFixed(2) ?? '?'} s CPU, ${m.peakMb?.toFixed(0) ?? '?'} MB peak; ${JSON.stringify(national.accounting)}`,
  );
}

// Maps (issue 24): what they add to assess on the sample, measured in one process (scripts/bench-maps.mjs).
const mapsRun = spawnSync(process.execPath, [path.join(root, 'scripts/bench-maps.mjs')], { encoding: 'utf8' });
const maps = mapsRun.status === 0 ? JSON.parse(mapsRun.stdout) : null;
if (maps)
  log(
    `\nmaps on the sample: ${maps.total.toFixed(2)} s (boundaries ${maps.boundaries.toFixed(2)}, analysis ${maps.analysis.toFixed(2)}, drawing ${maps.maps} maps ${maps.drawing.toFixed(2)})`,
  );
else log(`\nthe maps measurement failed: ${mapsRun.stderr}`);

// Documents: render-plan (all documents, HTML + PDF) against printing an empty page in the same browser.
const { findBrowser } = await import(path.join(root, 'dist/render/browser.js'));
const browser = findBrowser(undefined, process.env);
let documents = null;
if (browser) {
  const ws = workspace(sizes[0]);
  const out = path.join(ws, 'out');
  if (!existsSync(path.join(out, 'assessment.json'))) measure('assess', process.execPath, assessArgs(ws, '--quiet'));
  const [empty, render] = measureTogether([
    { label: 'empty page PDF', command: process.execPath, args: [path.join(root, 'scripts/bench-empty-pdf.mjs'), browser] },
    {
      label: 'csp render-plan',
      command: process.execPath,
      // Not --quiet: the steps it prints say where its time goes.
      args: [csp, 'render-plan', '--config', path.join(ws, 'csp.yaml'), '--format', 'html,pdf'],
      // And each print's steps, for the timeline in the report.
      opts: { env: { CSP_TRACE_PRINT: '1' } },
    },
  ]);
  documents = { empty, render };
  log(`\nrender-plan ${render.wall.toFixed(2)} s against an empty page ${empty.wall.toFixed(2)} s: ${(render.wall / empty.wall).toFixed(2)}×`);
} else log('no browser: the render-plan comparison is skipped (csp doctor says how to get one)');

const report = {
  date: new Date().toISOString().slice(0, 10),
  machine: machine(),
  runs,
  startup,
  floorStartup,
  results,
  documents,
  national,
  profile,
  scan,
  fixedProfile,
  maps,
  stolenPct: stolenPct(benchStart, cpuTimes()),
};
writeFileSync(path.join(cache, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
if (!values.smoke) writeFileSync(path.join(root, 'BENCHMARKS.md'), markdown(report));
log(`\nwrote ${values.smoke ? path.join(cache, 'bench.json') : 'BENCHMARKS.md'}`);

/**
 * One traced `csp assess` (CSP_TRACE_SQL=1 prints each query's time): the police batch's queries
 * (their temporary tables are named pb…), the slowest first, and the total of every query.
 */
function sqlProfile(ws, rows) {
  const args = [path.join(root, 'bin', 'csp.js'), 'assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html', '--quiet'];
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1', CSP_TRACE_SQL: '1' },
  });
  const queries = tracedQueries(r.stderr);
  const police = queries.filter((q) => /\bpb[a-z]+_\d+/.test(q.sql));
  return {
    rows,
    totalMs: queries.reduce((a, q) => a + q.ms, 0),
    policeMs: police.reduce((a, q) => a + q.ms, 0),
    top: police
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8)
      .map((q) => ({ ms: q.ms, step: queryStep(q.sql), sql: q.sql.slice(0, 90) })),
  };
}

/** The queries CSP_TRACE_SQL=1 printed on stderr, with their time. */
function tracedQueries(stderr) {
  return [...stderr.matchAll(/^sql at\s+\d+\s+([\d.]+) ms\s+(.*)$/gm)].map((m) => ({ ms: Number(m[1]), sql: m[2].replace(/\s+/g, ' ') }));
}

/** What a traced query makes: the table it creates or fills, without its run's number (pbrows_2 → pbrows). */
function queryStep(sql) {
  const table = /(?:TABLE|INTO) (\w+)/.exec(sql)?.[1] ?? sql.slice(0, 40);
  return table.replace(/_\d+$/, '');
}

/** A traced run's query time by what each query makes, the most first. */
function queryTimeBySteps(stderr) {
  const by = new Map();
  for (const q of tracedQueries(stderr)) {
    const step = queryStep(q.sql);
    const s = by.get(step) ?? { step, queries: 0, ms: 0, each: [], sql: q.sql.slice(0, 90) };
    s.queries += 1;
    s.ms += q.ms;
    s.each.push(q.ms);
    by.set(step, s);
  }
  return [...by.values()].sort((a, b) => b.ms - a.ms);
}

/** The JSON a measuring script prints about a workspace; null (said) when it fails. */
function scriptJson(script, ws) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', script), ws], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status === 0) return JSON.parse(r.stdout);
  log(`${script} failed: ${r.stderr.slice(-2000)}`);
  return null;
}

/** The police rows of a workspace's last run: read, accepted and rejected, and the data lines its files hold (counted here). */
function accounting(ws) {
  const police = JSON.parse(readFileSync(path.join(ws, 'out', 'assessment.json'), 'utf8')).sources.find((x) => x.kind === 'police-uk-street');
  let lines = 0;
  for (const f of readdirSync(path.join(ws, 'police'))) {
    const text = readFileSync(path.join(ws, 'police', f), 'latin1');
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    lines -= 1; // the header
  }
  return { lines, read: police.rowsRead, accepted: police.rowsAccepted, rejected: police.rowsRejected };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.versions.node,
  };
}

/** The assess runs whose steps are shown side by side: each size, and the fixed-cost run. */
function stepRuns(r) {
  const n = (v) => v.toLocaleString('en-GB');
  return r.results.flatMap((x) => [
    { label: `${n(x.rows)} rows`, steps: x.assess.steps },
    ...(x.fixed ? [{ label: `1 row in ${x.fixed.every} (${n(Math.round(x.rows / x.fixed.every))} rows)`, steps: x.fixed.steps }] : []),
  ]);
}

/** A step's line as csp prints it, without its counts and paths. */
function stepName(line) {
  if (line.startsWith('read ')) return 'start up, read and check every source';
  if (line.startsWith('analysed ')) return 'analyse and rank';
  if (line.includes('assessment.json')) return 'write assessment.json, the CSV tables and tables.xlsx';
  return line.replace(/^wrote /, 'write ');
}

/**
 * The bound the CPU time sets: on this machine's cores a run cannot take less wall time than its
 * CPU time shared over them, whatever runs alongside what.
 */
function cpuBound(r) {
  const x = r.results.find((y) => y.rows === 1_000_000) ?? r.results[0];
  if (!x?.assess.cpu || !x.floor.cpu) return [];
  const least = x.assess.cpu / r.machine.cores;
  return [
    `On ${r.machine.cores} cores a run cannot take less wall time than its CPU time shared over them. At ${x.rows.toLocaleString('en-GB')} rows`,
    `\`csp assess\` uses ${x.assess.cpu.toFixed(2)} CPU-seconds (the bare query ${x.floor.cpu.toFixed(2)}), so even with both cores busy all the time it`,
    `needs at least ${least.toFixed(2)} s, ${(least / x.floor.wall).toFixed(2)}× the bare query's wall time: a lower ratio needs less CPU work, not more overlap.`,
    '',
  ];
}

/**
 * What assess costs whatever the volume, against the bare query: the part of the run no work on
 * the police rows can take away; and what the police rows themselves cost each.
 */
function fixedCost(r) {
  const x = r.results.find((y) => y.fixed && y.floorFixed);
  if (!x) return [];
  const n = (v) => v.toLocaleString('en-GB');
  const fixed = x.fixed.wall;
  // What the other 99 rows in 100 cost each: the run on all rows less the run on the thinned files.
  const assessRows = x.assess.wall - fixed;
  const floorRows = x.floor.wall - x.floorFixed.wall;
  return [
    `With 1 police row in ${x.fixed.every} kept (${n(Math.round(x.rows / x.fixed.every))} rows), everything else as it was, \`csp assess\` takes ${fixed.toFixed(2)} s:`,
    `${(fixed / x.floor.wall).toFixed(2)}× the bare query on all ${n(x.rows)} rows before the police rows are counted. That part of the run (starting up,`,
    'the six other sources, the data-quality report, analysis and ranking, every output) does not depend on the volume, and it alone',
    `is over the 1 s target. The police rows themselves cost assess ${assessRows.toFixed(2)} s (the run at ${n(x.rows)} rows less the run above),`,
    `${(assessRows / floorRows).toFixed(2)}× what they cost the bare query (${floorRows.toFixed(2)} s, its run on all rows less its run on the thinned files): the price of keeping every row's`,
    'position for its line number, finding repeated Crime IDs and checking every row.',
    '',
  ];
}

/**
 * The police scan taken apart (scripts/bench-scan.mjs): what each check costs over the bare
 * query, the least one pass with every check costs, and what csp's positioned reading costs.
 */
function scanLines(r) {
  const x = r.scan;
  const m = r.results.find((y) => y.fixed && y.floorFixed);
  if (!x) return [];
  const by = Object.fromEntries(x.steps.map((st) => [st.key, st]));
  const times = (k) => (by[k].seconds / by.bare.seconds).toFixed(2);
  const lines = [
    `Where the police rows' cost comes from: the same ${x.rows.toLocaleString('en-GB')} rows (${x.files} files) read in one process, each query built by`,
    "csp's own code (scripts/bench-scan.mjs, the median of 3 rounds, interleaved), with nothing else running:",
    '',
    '| work | wall | CPU | wall / bare query |',
    '|---|---:|---:|---:|',
    ...x.steps.map((st) => `| ${st.label} | ${st.seconds.toFixed(2)} s | ${st.cpu.toFixed(2)} s | ${times(st.key)}× |`),
    '',
    `Reading the files as csp does and grouping them as the bare query does costs ${times('parse')}× the bare query: the parse is not the`,
    `difference. Checking every row's shape, keeping the area's points and hashing every Crime ID bring one pass to ${times('onePass')}×; that`,
    "pass is the least any design that checks every row costs (the issue's first scan), before any row's position is known. csp's",
    `reading, an ordered copy so that every rejected row has its line, and two passes over it, costs ${times('csp')}×.`,
  ];
  if (m?.assess.cpu && m.fixed.cpu && m.floor.cpu && m.floorFixed.cpu) {
    const cpu = m.assess.cpu - m.fixed.cpu;
    const here = by.csp.cpu + by.fingerprint.cpu;
    const saved = by.csp.seconds - by.onePass.seconds;
    const assessRows = m.assess.wall - m.fixed.wall;
    const floorRows = m.floor.wall - m.floorFixed.wall;
    lines.push(
      `Within assess the police rows cost ${cpu.toFixed(2)} CPU-seconds over the fixed-cost run (the bare query's ${(m.floor.cpu - m.floorFixed.cpu).toFixed(2)}): the scan and the`,
      `fingerprints above account for ${here.toFixed(2)}, and the rest is what follows the scan (the groups mapped, checked and inserted: the pbgrp,`,
      'pbaccepted and incidents queries) and the analysis and outputs over more groups, all on two cores shared with the other',
      `sources read beside it. A first scan with no positions would take away at most the ${saved.toFixed(2)} s between csp's reading and the one`,
      `pass, leaving the marginal cost at about ${((assessRows - saved) / floorRows).toFixed(1)}× the bare query's: still over 2×, because most of the gap is not the`,
      'positions but the checks every row needs and the work after the scan. That design, and a second positioned scan of the files',
      'where the first found a rejected row, was measured here and not built.',
    );
  }
  return [...lines, ''];
}

/** The fixed-cost run's main thread, by library (scripts/bench-profile.mjs). */
function fixedProfileLines(r) {
  const p = r.fixedProfile;
  if (!p) return [];
  const sum = (test) => p.owners.filter((o) => test(o.owner)).reduce((a, o) => a + o.seconds, 0);
  const xlsx = sum((o) => ['exceljs', 'pako', 'jszip', 'sax', 'saxes', 'unzipper', 'archiver'].includes(o));
  const drawing = sum((o) => /^(vega|d3-|topojson)/.test(o));
  const idle = sum((o) => o === '(idle)');
  return [
    `Where the fixed-cost run's time goes: its main thread, from V8's CPU profile of one run (scripts/bench-profile.mjs, ${p.total.toFixed(2)} s`,
    'with the profiler on), self time by the library or csp folder its code belongs to:',
    '',
    '| code | self time |',
    '|---|---:|',
    ...p.owners.slice(0, 14).map((o) => `| ${o.owner} | ${o.seconds.toFixed(2)} s |`),
    '',
    `No one step holds the time. Reading and writing XLSX (exceljs and the zip code under it) takes ${xlsx.toFixed(2)} s, the map geometry`,
    `and the charts (d3-geo, topojson, vega) ${drawing.toFixed(2)} s, and the thread waits ${idle.toFixed(2)} s (idle), mostly on DuckDB's`,
    "queries of the small sources. The inputs are small (the council's XLSX, 15 maps, a few charts): the time is each large library's",
    'code running for the first time in the process, which no cache of compiled code removes. Starting Node and DuckDB alone',
    `takes ${r.floorStartup ? r.floorStartup.wall.toFixed(2) : '?'} s (the first table), so under 1 s would leave under half a second for reading seven sources and writing every output.`,
    '',
  ];
}

/** render-plan against the empty page: its steps. */
function documentLines(r) {
  const d = r.documents;
  if (!d?.render.steps?.length) return [];
  return [
    `Where \`csp render-plan\`'s ${d.render.wall.toFixed(2)} s go, from the steps it prints, against ${d.empty.wall.toFixed(2)} s for the browser to start, print an empty page and stop:`,
    '',
    '| step | time |',
    '|---|---:|',
    ...d.render.steps.map((st) => `| ${documentStep(st.step)} | ${st.seconds.toFixed(1)} s |`),
    '',
    'The browser starts as the documents begin to be made, and each prints as soon as its HTML is made, both at once. What is',
    "left over the empty page is the documents' own work: the plan and the Cabinet report are made from the assessment (their",
    'charts, maps and tables, Handlebars on first use), and each is printed as a tagged PDF with its header and footer, twice where it',
    "has a contents page: Chromium's print has no page counter for links, so a first print finds the page each heading falls on.",
    '',
    ...printTimeline(d),
  ];
}

/**
 * The median render-plan run's printing, step by step (CSP_TRACE_PRINT=1), beside the empty
 * page's: what the browser costs either way, and what the documents add.
 */
function printTimeline(d) {
  const steps = d.render.printSteps;
  const empty = d.empty.printSteps;
  if (!steps?.length || !empty?.length) return [];
  const at = (list, step, document) => list.find((x) => x.step === step && (document === undefined || x.document === document))?.at;
  const s = (v) => (v === undefined ? '–' : `${v.toFixed(2)} s`);
  const since = (a, b) => (a === undefined || b === undefined ? '–' : `${(b - a).toFixed(2)} s`);
  const documents = [...new Set(steps.filter((x) => x.document).map((x) => x.document))];
  const rows = documents.map((doc) => {
    const made = at(steps, 'document made', doc);
    const loaded = at(steps, 'document loaded', doc);
    const draft = at(steps, 'draft printed', doc);
    const numbered = at(steps, 'contents page numbered', doc);
    const printed = at(steps, 'printed', doc);
    const done = at(steps, 'bookmarks and metadata written', doc);
    return `| ${doc} | ${s(made)} | ${since(made, loaded)} | ${since(loaded, draft)} | ${since(draft, numbered)} | ${since(numbered ?? loaded, printed)} | ${since(printed, done)} | ${s(done)} |`;
  });
  const started = at(steps, 'browser started');
  const answering = at(steps, 'browser answering');
  const lastDone = Math.max(...steps.filter((x) => x.step === 'bookmarks and metadata written').map((x) => x.at));
  const closed = at(steps, 'browser closed');
  const exited = at(steps, 'browser exited, its folder removed');
  return [
    'Its printing step by step, from the median run (`CSP_TRACE_PRINT=1`, times since the process started), the two documents',
    'printed at once in one browser: their four prints share its processes and the two cores, so a step of one takes longer',
    'while the other prints:',
    '',
    '| document | made at | loaded | first print (for the contents page numbers) | pages read from it and numbered | final print | bookmarks and metadata (pdf-lib) | done at |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `The browser was started at ${s(started)} (csp's start and reading the config) and answered at ${s(answering)} (its own start,`,
    `${since(started, answering)}); the empty page's browser answered ${since(0, at(empty, 'browser answering'))} after its process began, printed at`,
    `${s(at(empty, 'printed'))} and was closed at ${s(at(empty, 'browser closed'))}. After the last document was done (${s(lastDone)}) render-plan closed the browser`,
    `(${since(lastDone, closed)}), waited for it to exit and removed its folder (${since(closed, exited)}), and wrote the PDFs.`,
    'Measured and not kept, as no faster: the first print untagged, or with the charts and maps hidden (hiding everything',
    'loses the bookmarks the pages are read from); each document in a browser context of its own (a second renderer process).',
    "So the gap to 2× is the browser's own work on the documents' pages: each document printed twice, four prints of all",
    'their pages where the empty page has one print of one page. Only fewer prints would close it, and without the first the',
    "contents pages could not carry the page each section starts on, as the seeds' plans do.",
    '',
  ];
}

/** A step's line as render-plan prints it, without its paths (the first includes starting up and the browser's start). */
function documentStep(line) {
  if (line.startsWith('read ')) return "start up, read assessment.json and the plan's words";
  return line.replace(/^wrote /, 'make and write ').replace(/^printed /, 'print ');
}

/** The national run: what it read and, over the memory target, what holds the memory. */
function nationalLines(r) {
  const x = r.national;
  if (!x) return [];
  const n = (v) => v.toLocaleString('en-GB');
  const lines = [
    `The national run reads ${n(x.accounting.read)} police rows (${n(x.rows / 1_000_000)} copies of the 1,000,000-row workspace's 36 months, one file a month, as one source) in`,
    `${x.wall.toFixed(1)} s, peaking at ${Math.round(x.peakMb ?? 0).toLocaleString('en-GB')} MB.`,
  ];
  lines.push(
    "A source this large is read in batches of 600 MB of text, each an ordered copy of the columns read (every row's position,",
    "for the line numbers of the rows rejected), and every batch but the last keeps each Crime ID's hash, file and line for the",
    'batches after it (one row per ID, about 21,000,000 here). DuckDB holds at most 1,200 MB before it spills to the temporary',
    "folder (src/ingest/database.ts); the rest of the peak is Node, csp and DuckDB's own allocations.",
  );
  if (x.sqlSteps?.length) {
    const total = x.sqlSteps.reduce((a, q) => a + q.ms, 0);
    const top = x.sqlSteps.slice(0, 6);
    const rest = total - top.reduce((a, q) => a + q.ms, 0);
    lines.push(
      '',
      `Where its time goes: the run was traced (\`CSP_TRACE_SQL=1\`), and ${(total / 1000).toFixed(1)} s of its ${x.wall.toFixed(1)} s were DuckDB queries, by what each makes${diskNote(x)}:`,
      '',
      '| query | runs | time | |',
      '|---|---:|---:|---|',
      ...top.map((q) => `| ${q.step} | ${q.queries} | ${(q.ms / 1000).toFixed(1)} s | \`${q.sql.replaceAll('|', '\\|').replaceAll('`', "'")}…\` |`),
      `| every other query | ${x.sqlSteps.slice(6).reduce((a, q) => a + q.queries, 0)} | ${(rest / 1000).toFixed(1)} s | |`,
      '',
      "The batches' ordered copies (pbrows) hold most of it: each is the CSV parse of 600 MB of text. Keeping each batch's",
      'Crime IDs for the batches after it (police_ids) leaves out the rejected rows by their positions (before, a correlated NOT',
      'EXISTS on every ID and a NOT IN over every kept ID took 11 s of a 54 s run). Finding the IDs an earlier batch kept',
      "(in pbrejected, with the batch's own repeats and checks) builds its hash table from the batch's IDs (DuckDB's right",
      `semi-join) and scans every ID kept so far, so it grows with the batches before it: ${growth(x.sqlSteps, 'pbrejected')}.`,
    );
  }
  return [...lines, ''];
}

/** What the national run read from the disk, where the page cache did not hold its files. */
function diskNote(x) {
  if (x.diskReadMb == null) return '';
  const gb = (x.diskReadMb / 1000).toFixed(1);
  // Files not in the page cache are read from the disk while the queries wait on them.
  return ` (it read ${gb} GB from the disk itself, the rest of its files from the page cache)`;
}

/** How a traced step's time changed from its first run to its last ("0.27 s in the first batch, 1.05 s in the last"). */
function growth(steps, name) {
  const each = steps.find((q) => q.step === name)?.each;
  if (!each?.length) return 'not traced';
  return `${(each[0] / 1000).toFixed(2)} s in the first batch, ${(each.at(-1) / 1000).toFixed(2)} s in the last`;
}

/** Where the police rows' time goes, from one traced run (CSP_TRACE_SQL=1). */
function profileLines(r) {
  const p = r.profile;
  if (!p) return [];
  return [
    `Where the police rows' time goes: one \`CSP_TRACE_SQL=1 csp assess\` at ${p.rows.toLocaleString('en-GB')} rows spent ${(p.totalMs / 1000).toFixed(2)} s in DuckDB queries, ${(p.policeMs / 1000).toFixed(2)} s of them`,
    'reading the police batch. Its slowest queries:',
    '',
    '| query | time | |',
    '|---|---:|---|',
    ...p.top.map((q) => `| ${q.step} | ${(q.ms / 1000).toFixed(2)} s | \`${q.sql.replaceAll('|', '\\|').replaceAll('`', "'")}…\` |`),
    '',
  ];
}

function markdown(r) {
  const mb = (m) => (m?.peakMb == null ? '?' : Math.round(m.peakMb).toLocaleString('en-GB'));
  const f = (m) => (m ? `${m.wall.toFixed(2)} s | ${m.cpu?.toFixed(2) ?? '?'} s | ${mb(m)} MB` : 'skipped | | ');
  const n = (rows) => rows.toLocaleString('en-GB');
  const verdict = (ok) => (ok ? 'met' : '**not met**');
  const ratios = [
    ...r.results.map((x) => {
      const v = x.assess.wall / x.floor.wall;
      return `| assess / bare query, ${n(x.rows)} rows | ${v.toFixed(2)}× | – | – |`;
    }),
    ...r.results
      .filter((x) => x.fixed)
      .map(
        (x) => `| assess with 1 police row in ${x.fixed.every} / bare query on all ${n(x.rows)} rows | ${(x.fixed.wall / x.floor.wall).toFixed(2)}× | – | – |`,
      ),
    // Issue 26: what a run costs whatever the volume (starting up, the partner sources, every output).
    ...r.results
      .filter((x) => x.fixed)
      .map((x) => `| fixed cost: assess with 1 police row in ${x.fixed.every} | ${x.fixed.wall.toFixed(2)} s | < 1 s | ${verdict(x.fixed.wall < 1)} |`),
    ...r.results
      .filter((x) => x.fixed && x.floorFixed)
      .map((x) => {
        const v = (x.assess.wall - x.fixed.wall) / (x.floor.wall - x.floorFixed.wall);
        return `| police rows' marginal cost, assess / bare query (each less its run on 1 row in ${x.fixed.every}), ${n(x.rows)} rows | ${v.toFixed(2)}× | ≤ 2× | ${verdict(v <= 2)} |`;
      }),
    // The same in CPU time, which the hypervisor's steal does not inflate: the wall-time ratio
    // divides by the difference of two runs of about a second, which the machine's noise swings.
    ...r.results
      .filter((x) => x.fixed?.cpu && x.floorFixed?.cpu && x.assess.cpu && x.floor.cpu)
      .map((x) => {
        const v = (x.assess.cpu - x.fixed.cpu) / (x.floor.cpu - x.floorFixed.cpu);
        return `| the same in CPU time, ${n(x.rows)} rows | ${v.toFixed(2)}× | ≤ 2× | ${verdict(v <= 2)} |`;
      }),
    ...r.results
      .filter((x) => x.rejects)
      .map((x) => {
        const v = x.rejects.wall / x.assess.wall;
        return `| assess with 9 rows in 10 rejected / clean assess, ${n(x.rows)} rows | ${v.toFixed(2)}× | ≤ 2× | ${verdict(v <= 2)} |`;
      }),
    ...(r.national
      ? [
          `| national (${n(r.national.rows)} rows) wall time | ${r.national.wall.toFixed(1)} s | < 60 s | ${verdict(r.national.wall < 60)} |`,
          `| national peak memory | ${mb(r.national)} MB | < 2,048 MB | ${verdict((r.national.peakMb ?? Infinity) < 2048)} |`,
          (() => {
            const a = r.national.accounting;
            const ok = a.read === a.lines && a.read === a.accepted + a.rejected;
            return `| national rows: lines in the files = read = accepted + rejected | ${n(a.lines)} = ${n(a.read)} = ${n(a.accepted)} + ${n(a.rejected)} | exact | ${verdict(ok)} |`;
          })(),
        ]
      : ['| national (21,000,000 rows) | not run | < 60 s, < 2,048 MB | `npm run bench -- --national` |']),
    ...r.results
      .filter((x) => x.pandas)
      .map((x) => {
        const v = x.pandas.wall / x.assess.wall;
        return `| pandas / assess, ${n(x.rows)} rows | ${v.toFixed(2)}× | – | – |`;
      }),
    ...r.results
      .filter((x) => x.rows >= 10_000_000)
      .map((x) => `| assess peak memory, ${n(x.rows)} rows | ${mb(x.assess)} MB | < 2,048 MB | ${verdict((x.assess.peakMb ?? Infinity) < 2048)} |`),
    ...r.results
      .filter((x) => x.gzip)
      .map((x) => `| assess peak memory, ${n(x.rows)} rows as .csv.gz | ${mb(x.gzip)} MB | < 2,048 MB | ${verdict((x.gzip.peakMb ?? Infinity) < 2048)} |`),
    ...(r.maps
      ? [
          `| maps on the sample: reading the boundaries ${r.maps.boundaries.toFixed(2)} s + their analysis ${r.maps.analysis.toFixed(2)} s + drawing all ${r.maps.maps} maps ${r.maps.drawing.toFixed(2)} s | ${r.maps.total.toFixed(2)} s | < 1 s | ${verdict(r.maps.total < 1)} |`,
        ]
      : []),
    ...(r.documents
      ? [
          (() => {
            const v = r.documents.render.wall / r.documents.empty.wall;
            return `| render-plan (HTML + PDF, plan and Cabinet report) / empty-page PDF | ${v.toFixed(2)}× | ≤ 2× | ${verdict(v <= 2)} |`;
          })(),
        ]
      : []),
  ];
  const lines = [
    '# Benchmarks',
    '',
    `Measured on ${r.date} with \`npm run bench\` on: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, ${r.machine.os}, Node ${r.machine.node}.`,
    `Each command runs as its own process, ${r.runs} times, in turn with the commands it is compared with; the median run is shown. Wall and CPU time and peak memory (max RSS) come from GNU time.`,
    ...(r.stolenPct != null
      ? [
          `This is a shared virtual machine: over the whole bench the hypervisor took ${r.stolenPct.toFixed(0)}% of its CPU time for other machines (steal, /proc/stat)${r.national?.stolenPct != null ? `, ${r.national.stolenPct.toFixed(0)}% during the national run` : ''}; the ratios, measured in the same rounds, move less than the times.`,
        ]
      : []),
    'The police files are generated by the sample generator (plain CSV, as data.police.uk publishes them); the rest of the sample',
    'partnership is as in data-samples/. `csp assess` writes everything it always writes (assessment.json, 10 CSV tables, tables.xlsx,',
    'charts) and the Strategic Assessment as HTML.',
    '',
    '| rows | command | wall | CPU | peak memory |',
    '|---:|---|---:|---:|---:|',
    `| – | Node + DuckDB started, nothing read | ${f(r.floorStartup)} |`,
    `| – | csp --version (Node and csp's command line, before any command loads) | ${f(r.startup)} |`,
    ...r.results.flatMap((x) => [
      `| ${n(x.rows)} | bare DuckDB query (read + group-by) | ${f(x.floor)} |`,
      `| ${n(x.rows)} | csp assess (--format html) | ${f(x.assess)} |`,
      ...(x.fixed
        ? [`| ${n(Math.round(x.rows / x.fixed.every))} | csp assess, the same workspace with 1 police row in ${x.fixed.every} | ${f(x.fixed)} |`]
        : []),
      ...(x.floorFixed ? [`| ${n(Math.round(x.rows / x.fixed.every))} | bare DuckDB query on those thinned police files | ${f(x.floorFixed)} |`] : []),
      ...(x.rejects ? [`| ${n(x.rows)} | csp assess, 9 rows in 10 rejected (repeated Crime IDs) | ${f(x.rejects)} |`] : []),
      ...(x.pandas ? [`| ${n(x.rows)} | pandas read + group-by | ${f(x.pandas)} |`] : []),
      ...(x.gzip ? [`| ${n(x.rows)} | csp assess, the same police files as .csv.gz | ${f(x.gzip)} |`] : []),
    ]),
    ...(r.national
      ? [`| ${n(r.national.rows)} | csp assess, national: ${r.national.rows / 1_000_000} forces' three years, one police source | ${f(r.national)} |`]
      : []),
    ...(r.documents
      ? [
          `| ${n(r.results[0].rows)} | empty page printed to PDF (same browser, same flags) | ${f(r.documents.empty)} |`,
          `| ${n(r.results[0].rows)} | csp render-plan (--format html,pdf) | ${f(r.documents.render)} |`,
        ]
      : []),
    '',
    '| ratio | measured | target | |',
    '|---|---:|---:|---|',
    ...ratios,
    '',
    "Where `csp assess`'s time goes, from the steps it prints (the first step includes starting up), with the fixed-cost run beside it:",
    '',
    `| step | ${stepRuns(r)
      .map((c) => c.label)
      .join(' | ')} |`,
    `|---|${stepRuns(r)
      .map(() => '---:')
      .join('|')}|`,
    ...(r.results[0]?.assess.steps ?? []).map(
      (st, i) =>
        `| ${stepName(st.step)} | ${stepRuns(r)
          .map((c) => `${c.steps[i]?.seconds.toFixed(1) ?? '?'} s`)
          .join(' | ')} |`,
    ),
    '',
    'What `csp assess` does that the bare query does not, and why it is several times slower:',
    '',
    "- it starts more: Node, DuckDB and csp's own code (8 MB, from the code V8 compiled for it on the first run), then the",
    '  config is checked before any data is read;',
    "- it keeps every row's position while reading (one in-order copy of the columns used, in batches of up to 600 MB of",
    '  text), because every rejected row is reported with its file and line; it finds repeated Crime IDs within and across',
    "  files, checks every month and category, and keeps the partnership area's points for the density map;",
    '- it reads the six other sources (council ASB as CSV and XLSX, fire, population, survey, judgements, actions) and',
    '  fingerprints every file with SHA-256 (on a worker thread);',
    '- it reports data quality (months missing or partial, renamed districts, LSOA boundary changes, rows outside the force),',
    '  computes every figure and the ranking with its sensitivity check, and writes assessment.json, 10 tables as CSV and XLSX,',
    '  the charts and the Strategic Assessment.',
    '',
    ...fixedCost(r),
    ...fixedProfileLines(r),
    ...profileLines(r),
    ...scanLines(r),
    ...nationalLines(r),
    ...cpuBound(r),
    ...documentLines(r),
    'Reproduce with `npm run bench` (the first run generates the police files into .bench-cache/, about 2.2 GB for 10,000,000 rows).',
    '`CSP_TRACE_SQL=1 csp assess …` prints the time of every DuckDB query, `CSP_TRACE_PRINT=1 csp render-plan …` each step of printing.',
    '',
  ];
  return lines.join('\n');
}
