import { Database, sqlString } from './database.js';
import { policeMapping } from './kinds/police.js';
import { same, type BatchCounts, type BatchScan, type Span } from './police-batch-scan.js';

// What a batch of police files accepts: the incidents, and each file's counts.

/**
 * Accepted counts into incidents: the groups whose month and category pass the checks, less the
 * repeats rejected from them (a row rejected for its month or category is in a group that fails
 * too). Values are matched as read (NULL to NULL) and counted under their trimmed form. The
 * district is worked out once per LSOA (about a thousand). The partnership area's accepted rows
 * with a point into police_points, by point: the groups of its rows are by point too.
 */
export async function insertAccepted(db: Database, s: BatchScan): Promise<void> {
  const { t, mapping } = s;
  const { f_lsoa_code, f_lsoa_name } = mapping.fields;
  const districtSql = policeMapping({ crimeId: '', month: '', lsoaCode: '', crimeType: '', lsoaName: 'f_lsoa_name' }, s.o.config, { today: s.o.today }).fields
    .f_district;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.places} AS
      SELECT *, ${districtSql} AS f_district FROM (
        SELECT lsoa_code, lsoa_name, ${f_lsoa_code} AS f_lsoa_code, ${f_lsoa_name} AS f_lsoa_name
        FROM (SELECT DISTINCT lsoa_code, lsoa_name FROM ${t.groups}))`);
  // Only where a value was padded (" Thanet 012B") or an empty "" are two groups as read one
  // group trimmed; then the groups are added up again (on 280,000 groups that doubles the step).
  const [padded] = await db.all<{ any: boolean | null }>(`SELECT bool_or(x) AS any FROM (
      SELECT month IS DISTINCT FROM f_month OR crime_type IS DISTINCT FROM f_category AS x FROM ${t.kinds} WHERE _check IS NULL
      UNION ALL SELECT lsoa_code IS DISTINCT FROM f_lsoa_code OR lsoa_name IS DISTINCT FROM f_lsoa_name FROM ${t.places})`);
  const raw = ['_f', 'month', 'crime_type', 'lsoa_code', 'lsoa_name', '_shape', 'lon', 'lat'];
  const repeatChecks = s.checks.flatMap((c, i) => (c.when.includes('f_repeat') ? [i] : [])).join(', ');
  const keys = 'g._f, f_month, f_category, f_lsoa_code, f_lsoa_name, f_district';
  // Each group as read (the area's by point too) less its repeats, with its trimmed values.
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.accepted} AS
      SELECT ${keys}, g.lon, g.lat, g.n - coalesce(r.r, 0) AS n
      FROM ${t.groups} g
        JOIN ${t.kinds} k ON ${same('g', 'k', ['month', 'crime_type', '_shape'])}
        JOIN ${t.places} p ON ${same('g', 'p', ['lsoa_code', 'lsoa_name'])}
        LEFT JOIN (SELECT ${raw.join(', ')}, count(*) AS r FROM ${t.rejected} WHERE _check IN (${repeatChecks}) GROUP BY ALL) r ON ${same('g', 'r', raw)}
      WHERE k._check IS NULL`);
  // Groups that are one group trimmed, or one place at several points, are added up again
  // (on 280,000 groups that doubles the step, so only when there are any).
  const [points] = await db.all<{ any: boolean | null }>(`SELECT bool_or(lon IS NOT NULL OR lat IS NOT NULL) AS any FROM ${t.accepted}`);
  const sumAgain = padded?.any || points?.any;
  const accepted = sumAgain
    ? `SELECT _f, f_month, f_category, f_lsoa_code, f_lsoa_name, f_district, sum(n) AS n FROM ${t.accepted} GROUP BY ALL`
    : `SELECT * FROM ${t.accepted}`;
  const insert = mapping.insert;
  await db.run(`INSERT INTO incidents (source, file_id, ${Object.keys(insert).join(', ')}, n)
      SELECT ${sqlString(s.o.sourceId)}, ${s.fileOf('_f')}, ${Object.values(insert).join(', ')}, n FROM (${accepted}) WHERE n > 0`);
  // The area's accepted rows with a point (lon and lat are NULL for every other row, see BatchScan.point).
  if (points?.any) {
    await db.run(`INSERT INTO police_points (source, file_id, month, category, area_code, lon, lat, n)
        SELECT ${sqlString(s.o.sourceId)}, ${s.fileOf('_f')}, f_month, f_category, f_lsoa_code, lon, lat, sum(n) FROM ${t.accepted}
        WHERE f_district = ${sqlString(s.o.config.partnership.area)} AND lon IS NOT NULL AND lat IS NOT NULL GROUP BY ALL HAVING sum(n) > 0`);
  }
}

/** Each file's rows read, accepted and rejected (by the checks or by the parser), by file id. */
export async function countsByFile(db: Database, s: BatchScan, o: { parserRejects: string; spans: Span[] }): Promise<Map<number, BatchCounts>> {
  const { t } = s;
  const counts = await db.all<{ f: number; rejected: bigint; parser: bigint }>(
    `SELECT _f AS f, coalesce(r.n, 0) AS rejected, coalesce(p.n, 0) AS parser FROM
         (SELECT DISTINCT _f FROM (SELECT _f FROM ${t.rejected} UNION ALL SELECT _f FROM ${o.parserRejects})) a
         LEFT JOIN (SELECT _f, count(*) AS n FROM ${t.rejected} GROUP BY _f) r USING (_f)
         LEFT JOIN (SELECT _f, count(*) AS n FROM ${o.parserRejects} GROUP BY _f) p USING (_f)`,
  );
  const byFile = new Map(counts.map((c) => [c.f, c]));
  const rowsOf = new Map(o.spans.map((span) => [span.f, Number(span.rows)]));
  return new Map(
    s.files.map((f, i) => {
      const c = byFile.get(i);
      const rejectedRows = Number(c?.rejected ?? 0);
      const parsed = rowsOf.get(i) ?? 0;
      const parser = Number(c?.parser ?? 0);
      return [f.fileId, { rowsRead: parsed + parser, rowsAccepted: parsed - rejectedRows, rowsRejected: rejectedRows + parser }];
    }),
  );
}
