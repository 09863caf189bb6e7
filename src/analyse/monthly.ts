import type { Config } from '../config/load.js';
import { Database, sqlString } from '../ingest/database.js';

/** One row of the monthly counts: `place` is a district (by district) or a sub-area (the area's). */
interface Count {
  source: string;
  category: string;
  place: string | null;
  month: string;
  n: number;
}

/**
 * The counts every figure is summed from, read once: by source × category × district × month
 * (the force comparison and the area's series), by source × category × sub-area × month for
 * the partnership area only (its hotspots), and the quarterly and yearly returns. A force's
 * three years are a few tens of thousands of rows here, against a row per LSOA and month in
 * the incidents; summing them in memory saves a query per figure.
 */
export class MonthlyCounts {
  private constructor(
    private readonly area: string,
    private readonly byDistrict: Count[],
    private readonly byArea: Count[],
    /** Quarterly and yearly returns, by district (null: placed in none). */
    private readonly multiMonth: { source: string; category: string; place: string | null; first: string; last: string; n: number }[],
  ) {}

  /** `hotspots`: the window whose sub-area counts are kept (the current one). */
  static async build(db: Database, config: Config, hotspots: { start: string; end: string }): Promise<MonthlyCounts> {
    const area = sqlString(config.partnership.area);
    // Counts come back as BIGINT; every sum below is of numbers.
    const read = async <T>(sql: string) => (await db.all<T & { n: bigint }>(sql)).map((r) => ({ ...r, n: Number(r.n) }));
    const byDistrict = await read<Omit<Count, 'n'>>(`
      SELECT source, category, district AS place, month, sum(n) AS n FROM incidents GROUP BY ALL
      UNION ALL
      SELECT source, category, district, first_month, sum(count) FROM counts WHERE months = 1 GROUP BY ALL`);
    const months = `BETWEEN ${sqlString(hotspots.start)} AND ${sqlString(hotspots.end)}`;
    const byArea = await read<Omit<Count, 'n'>>(`
      SELECT source, category, coalesce(area_name, '(no location)') AS place, month, sum(n) AS n FROM incidents
      WHERE district = ${area} AND month ${months} GROUP BY ALL
      UNION ALL
      SELECT source, category, coalesce(area, '(no area)'), first_month, sum(count) FROM counts
      WHERE district = ${area} AND months = 1 AND first_month ${months} GROUP BY ALL`);
    const multiMonth = await read<{ source: string; category: string; place: string | null; first: string; last: string }>(`
      SELECT source, category, district AS place, first_month AS first, strftime(CAST(first_month || '-01' AS DATE) + to_months(months - 1), '%Y-%m') AS last,
        sum(count) AS n
      FROM counts WHERE months > 1 GROUP BY ALL`);
    return new MonthlyCounts(config.partnership.area, byDistrict, byArea, multiMonth);
  }

  /** Total per district in [start, end], for the force comparison. */
  countsByDistrict(s: Selection, start: string, end: string): Map<string, number> {
    return sumBy(
      this.byDistrict.filter((r) => r.place !== null && selects(s, r) && within(r.month, start, end)),
      (r) => r.place!,
    );
  }

  /** Monthly totals for the partnership area in [start, end] (months with none are absent). */
  areaSeries(s: Selection, start: string, end: string): Map<string, number> {
    return sumBy(
      this.byDistrict.filter((r) => r.place === this.area && selects(s, r) && within(r.month, start, end)),
      (r) => r.month,
    );
  }

  /** Counts by sub-area (LSOA or ward) of the partnership area in the hotspot window, by name. */
  countsByArea(s: Selection): { area: string; count: number }[] {
    const sums = sumBy(
      this.byArea.filter((r) => selects(s, r)),
      (r) => r.place!,
    );
    return [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([area, count]) => ({ area, count }));
  }

  /** Current and previous totals per category for the partnership area (harm weights apply per category). */
  countsByCategory(
    s: Selection,
    period: { start: string; end: string; previousStart: string; previousEnd: string },
  ): { category: string; current: number; previous: number }[] {
    const rows = this.byDistrict.filter((r) => r.place === this.area && selects(s, r));
    const current = sumBy(
      rows.filter((r) => within(r.month, period.start, period.end)),
      (r) => r.category,
    );
    const previous = sumBy(
      rows.filter((r) => within(r.month, period.previousStart, period.previousEnd)),
      (r) => r.category,
    );
    return [...new Set(rows.map((r) => r.category))]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((category) => ({ category, current: current.get(category) ?? 0, previous: previous.get(category) ?? 0 }));
  }

  /**
   * Quarterly and financial-year counts: they count towards a window only when the whole
   * period lies inside it (they have no months to put in a monthly series).
   */
  /** The districts a source has any row for, in any month. */
  districtsWithData(source: string): Set<string> {
    return new Set(this.byDistrict.filter((r) => r.source === source && r.place !== null).map((r) => r.place!));
  }

  /** Whether a source sends quarterly or yearly returns for the area: they have no months to compare month by month. */
  hasMultiMonth(source: string): boolean {
    return this.multiMonth.some((r) => r.source === source && r.place === this.area);
  }

  /** The area's quarterly and yearly counts whose whole period lies in [start, end]. */
  multiMonthCounts(s: Selection, start: string, end: string): number {
    return this.multiMonth.filter((r) => r.place === this.area && selects(s, r) && r.first >= start && r.last <= end).reduce((t, r) => t + r.n, 0);
  }

  /**
   * Rows of a selection in [start, end] (incidents, for counts; quarterly and yearly returns
   * where their whole period lies inside), in every district, or in `places` only (district
   * names; null for rows placed in none): what a data-quality finding counts in the months analysed.
   */
  rowsIn(s: Selection, start: string, end: string, o: { places?: readonly (string | null)[] } = {}): number {
    const at = (r: { place: string | null }) => !o.places || o.places.includes(r.place);
    const monthly = this.byDistrict.filter((r) => selects(s, r) && at(r) && within(r.month, start, end)).reduce((t, r) => t + r.n, 0);
    return monthly + this.multiMonth.filter((r) => selects(s, r) && at(r) && r.first >= start && r.last <= end).reduce((t, r) => t + r.n, 0);
  }
}

export interface Selection {
  source: string;
  /** Categories of the source; undefined means every category. */
  categories?: readonly string[];
  /** Categories to leave out (ASB from all crime). */
  exclude?: readonly string[];
}

/** Whether a row belongs to a selection: the same rule as where(). */
function selects(s: Selection, r: { source: string; category: string }): boolean {
  return r.source === s.source && (!s.categories || s.categories.includes(r.category)) && !s.exclude?.includes(r.category);
}

const within = (month: string, start: string, end: string) => month >= start && month <= end;

function sumBy<T extends { n: number }>(rows: T[], key: (r: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.n);
  return out;
}

/** SQL condition for a source's categories. */
export function where(s: Selection): string {
  const parts = [`source = ${sqlString(s.source)}`];
  if (s.categories) parts.push(`category IN (${s.categories.map(sqlString).join(', ') || 'NULL'})`);
  if (s.exclude?.length) parts.push(`category NOT IN (${s.exclude.map(sqlString).join(', ')})`);
  return parts.join(' AND ');
}

/** Rows flagged (e.g. repeat) out of all rows, for the partnership area in [start, end]. */
export async function flagCounts(
  db: Database,
  s: Selection,
  { district, start, end }: { district: string; start: string; end: string },
): Promise<{ flag: string; flagged: number; total: number }[]> {
  const rows = await db.all<{ flag: string; flagged: bigint; total: bigint }>(
    `WITH sel AS (SELECT flags FROM incidents WHERE ${where(s)} AND district = ${sqlString(district)}
        AND month BETWEEN ${sqlString(start)} AND ${sqlString(end)})
     SELECT f.flag, count(*) FILTER (WHERE list_contains(sel.flags, f.flag)) AS flagged, (SELECT count(*) FROM sel) AS total
     FROM (SELECT DISTINCT unnest(flags) AS flag FROM sel) f, sel GROUP BY f.flag ORDER BY f.flag`,
  );
  return rows.map((r) => ({ flag: r.flag, flagged: Number(r.flagged), total: Number(r.total) }));
}
