// What each part of csp's scan of the police files costs, against the bare query, in one process
// on the same files (issue 26: why the police rows cost assess more than twice what they cost the
// bare query). Each query is built by csp's own code (copyQuery: the scan police-batch.ts runs),
// then taken apart: the same parse grouped as the bare query groups it, then with each check it
// adds, then the one-pass minimum (every check and the Crime ID hashes for repeats in one
// group-by, no row's position), then what csp does (the ordered copy every rejected row's line
// number comes from, and the two passes over it). Each the median of 3 rounds, interleaved.
//   node scripts/bench-scan.mjs WORKSPACE     prints one JSON object; needs `npm run build`
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(root, 'dist', p));
const [{ loadConfig }, { batchScan }, { copyQuery }, { splitHeader }, { firstLine }, { MEMORY_LIMIT }] = await Promise.all([
  dist('config/load.js'),
  dist('ingest/police-batch-scan.js'),
  dist('ingest/police-batch.js'),
  dist('ingest/files.js'),
  dist('ingest/staging.js'),
  dist('ingest/database.js'),
]);

const ws = path.resolve(process.argv[2]);
const dir = path.join(ws, 'police');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .map((f, i) => ({ path: path.join(dir, f), fileId: i + 1 }));
const config = loadConfig(path.join(ws, 'csp.yaml'));
const scan = batchScan(splitHeader(firstLine(files[0].path), ','), files, {
  config,
  sourceId: 'police',
  scratch: { next: () => 1 },
  shownById: new Map(),
  today: new Date().toISOString().slice(0, 10),
});
const copy = copyQuery(scan);
const group = 'month, crime_type, lsoa_code, lsoa_name';
const quoted = (s) => `'${s.replaceAll("'", "''")}'`;

const steps = [
  {
    key: 'bare',
    label: 'the bare query (3 columns, grouped by month × category × district)',
    sql: `SELECT "Month", "Crime type", regexp_replace("LSOA name", ' [0-9]{3}[A-Z]$', '') AS district, count(*) AS n
      FROM read_csv(${quoted(`${dir}/*-kent-street.csv`)}, header = true, all_varchar = true) GROUP BY ALL`,
  },
  {
    key: 'parse',
    label: "csp's parse of the same files, grouped by file × month × category × LSOA",
    sql: `SELECT _f, ${group}, count(*) AS n FROM (${copy}) GROUP BY ALL`,
  },
  { key: 'shape', label: '+ every row checked for a field too many or too few', sql: `SELECT _f, ${group}, _shape, count(*) AS n FROM (${copy}) GROUP BY ALL` },
  {
    key: 'points',
    label: "+ the partnership area's points (for the density map)",
    sql: `SELECT _f, ${group}, _shape, lon, lat, count(*) AS n FROM (${copy}) GROUP BY ALL`,
  },
  {
    key: 'onePass',
    label: "+ each Crime ID's hash, for repeats (one pass, no row's position: the least a check of every row costs)",
    sql: `SELECT _f, ${group}, _shape, lon, lat, hash(crime_id) AS h, count(*) AS n, min(_f) AS first_f, max(_f) AS last_f FROM (${copy})
      GROUP BY GROUPING SETS ((_f, ${group}, _shape, lon, lat), (h)) HAVING grouping(h) = 1 OR (h IS NOT NULL AND count(*) > 1)`,
  },
  {
    key: 'csp',
    label: "csp: the ordered copy (every row's position, for line numbers), then its groups and repeats from it",
    sql: [
      `CREATE OR REPLACE TEMP TABLE bs_rows AS ${copy}`,
      `CREATE OR REPLACE TEMP TABLE bs_groups AS SELECT _f, ${group}, _shape, lon, lat, count(*) AS n FROM bs_rows GROUP BY ALL`,
      `CREATE OR REPLACE TEMP TABLE bs_repeats AS SELECT hash(crime_id) AS h FROM bs_rows WHERE crime_id IS NOT NULL GROUP BY h HAVING count(*) > 1`,
    ],
  },
];

const con = await (await DuckDBInstance.create(':memory:', { memory_limit: MEMORY_LIMIT })).connect();
// Wall and CPU seconds (DuckDB's threads are this process's: process.cpuUsage counts them).
const timed = async (work) => {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  await work();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
};
// What csp does to every police file besides reading it: its SHA-256, for the sources table.
steps.push({
  key: 'fingerprint',
  label: "every file's SHA-256 (csp fingerprints each file it reads, on a worker thread beside the scan)",
  work: () => {
    for (const f of files) createHash('sha256').update(readFileSync(f.path)).digest('hex');
  },
});
const times = Object.fromEntries(steps.map((s) => [s.key, []]));
for (let round = 0; round < 3; round++)
  for (const s of steps)
    times[s.key].push(
      await timed(
        s.work ??
          (async () => {
            for (const sql of [s.sql].flat()) await con.run(sql.startsWith('CREATE') ? sql : `CREATE OR REPLACE TEMP TABLE bs_out AS ${sql}`);
          }),
      ),
    );
const median = (xs) => [...xs].sort((a, b) => a.seconds - b.seconds)[1];
const rows = Number((await con.runAndReadAll('SELECT count(*) FROM bs_rows')).getRows()[0][0]);
process.stdout.write(`${JSON.stringify({ files: files.length, rows, steps: steps.map((s) => ({ key: s.key, label: s.label, ...median(times[s.key]) })) })}\n`);
