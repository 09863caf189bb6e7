import { Database, sqlString } from './database.js';
import { policeMapping } from './kinds/police.js';
import { same, type BatchCounts, type BatchScan, type Span } from './police-batch-scan.js';

// What a batch of police files accepts: the incidents, and each file's counts.

/**
 * Accepted counts into incidents: the groups whose month and category pass the checks, less the
 * repeats rejected from them (a row rejected for its month or category is in a group that fails
 * too). Values are matched as read (NULL to NULL) and counted under their trimmed form. The
 * district is worked out once per LSOA (about a thousand).
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
  const raw5 = ['_f', 'month', 'crime_type', 'lsoa_code', 'lsoa_name', '_shape'];
  const repeatChecks = s.checks.flatMap((c, i) => (c.when.includes('f_repeat') ? [i] : [])).join(', ');
  const keys = 'g._f, f_month, f_category, f_lsoa_code, f_lsoa_name, f_district';
  const accepted = `SELECT ${keys}, ${padded?.any ? 'sum(g.n - coalesce(r.r, 0))' : 'g.n - coalesce(r.r, 0)'} AS n
      FROM ${t.groups} g
        JOIN ${t.kinds} k ON ${same('g', 'k', ['month', 'crime_type', '_shape'])}
        JOIN ${t.places} p ON ${same('g', 'p', ['lsoa_code', 'lsoa_name'])}
        LEFT JOIN (SELECT ${raw5.join(', ')}, count(*) AS r FROM ${t.rejected} WHERE _check IN (${repeatChecks}) GROUP BY ALL) r ON ${same('g', 'r', raw5)}
      WHERE k._check IS NULL ${padded?.any ? 'GROUP BY ALL' : ''}`;
  const insert = mapping.insert;
  await db.run(`INSERT INTO incidents (source, file_id, ${Object.keys(insert).join(', ')}, n)
      SELECT ${sqlString(s.o.sourceId)}, ${s.fileOf('_f')}, ${Object.values(insert).join(', ')}, n FROM (${accepted}) WHERE n > 0`);
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
