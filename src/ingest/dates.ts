/**
 * SQL that reads dates as UK partner exports write them. Day-first is the UK order,
 * so 03/04/2024 is 3 April; `mm/dd/yyyy` must be asked for explicitly.
 */
export type DateFormat = 'auto' | 'dd/mm/yyyy' | 'yyyy-mm-dd' | 'mm/dd/yyyy' | 'yyyy-mm';

/** A date DuckDB reads with %Y must have a four-digit year: it reads "1/2/24" as 1 Feb 0024. */
const strp = (x: string, fmt: string) =>
  fmt.includes('%Y')
    ? `CASE WHEN regexp_matches(${x}, '(^|[^0-9])[0-9]{4}([^0-9]|$)') THEN try_strptime(${x}, '${fmt}')::DATE END`
    : `try_strptime(${x}, '${fmt}')::DATE`;

/** SQL: true for a date written with a two-digit year (1/2/24, 01-02-24), which is refused with its own reason. */
export const twoDigitYear = (x: string) => `regexp_full_match(${x}, '[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2}( .*)?')`;

/** Excel stores dates as days since 1899-12-30 (its 1900 leap-year bug included). */
const excelSerial = (x: string) =>
  `CASE WHEN regexp_full_match(${x}, '[0-9]{5}(\\.[0-9]+)?') THEN DATE '1899-12-30' + CAST(floor(CAST(${x} AS DOUBLE)) AS INTEGER) END`;

export function parseDateSql(x: string, format: DateFormat): string {
  // ISO dates and Excel date cells are unambiguous, so every format also accepts them.
  if (format === 'dd/mm/yyyy' || format === 'mm/dd/yyyy') {
    return `coalesce(${slashed(x, format)}, ${parseDateSql(x, 'yyyy-mm-dd')}, ${excelSerial(x)})`;
  }
  switch (format) {
    case 'yyyy-mm-dd':
      return `coalesce(${strp(x, '%Y-%m-%d')}, ${strp(x, '%Y-%m-%d %H:%M:%S')}, ${strp(x, '%Y-%m-%dT%H:%M:%S')})`;
    case 'yyyy-mm':
      return strp(x, '%Y-%m');
    case 'auto':
      return `coalesce(${slashed(x, 'dd/mm/yyyy')}, ${parseDateSql(x, 'yyyy-mm-dd')}, ${strp(x, '%Y-%m')}, ${excelSerial(x)})`;
  }
}

function slashed(x: string, format: 'dd/mm/yyyy' | 'mm/dd/yyyy'): string {
  const d = format === 'dd/mm/yyyy' ? '%d/%m/%Y' : '%m/%d/%Y';
  return `coalesce(${strp(x, d)}, ${strp(x, `${d} %H:%M`)}, ${strp(x, `${d} %H:%M:%S`)})`;
}

/**
 * SQL giving a struct {first_month 'YYYY-MM', months} for a reporting period:
 * a month (2024-03, 03/2024, Mar-24, March 2024, or a date), a quarter (2024 Q1, Q1 2024)
 * a financial year April–March (2024/25, 2024/2025, FY2024/25) or a calendar year (2024).
 * 2011-12 is read as December 2011: write financial years with a slash.
 */
export function parsePeriodSql(x: string): string {
  const quarter = `regexp_extract(${x}, '^(?:([0-9]{4}) ?-? ?Q([1-4])|Q([1-4]) ?-? ?([0-9]{4}))$', ['y1', 'q1', 'q2', 'y2'])`;
  const fy = `regexp_extract(${x}, '^(?:FY ?)?([0-9]{4}) ?[/-] ?([0-9]{2}|[0-9]{4})$', ['y', 'y2'])`;
  const month = `coalesce(${strp(x, '%Y-%m')}, ${strp(x, '%m/%Y')}, ${strp(x, '%b-%y')}, ${strp(x, '%b %Y')}, ${strp(x, '%B %Y')}, ${strp(x, '%b-%Y')}, ${parseDateSql(x, 'auto')})`;
  return `CASE
    WHEN ${month} IS NOT NULL THEN {'first_month': strftime(${month}, '%Y-%m'), 'months': 1}
    WHEN ${quarter}.y1 <> '' THEN {'first_month': ${quarter}.y1 || '-' || lpad(CAST((CAST(${quarter}.q1 AS INTEGER) - 1) * 3 + 1 AS VARCHAR), 2, '0'), 'months': 3}
    WHEN ${quarter}.y2 <> '' THEN {'first_month': ${quarter}.y2 || '-' || lpad(CAST((CAST(${quarter}.q2 AS INTEGER) - 1) * 3 + 1 AS VARCHAR), 2, '0'), 'months': 3}
    WHEN ${fy}.y <> '' AND CAST(right(${fy}.y2, 2) AS INTEGER) = (CAST(${fy}.y AS INTEGER) + 1) % 100
      THEN {'first_month': ${fy}.y || '-04', 'months': 12}
    WHEN regexp_full_match(${x}, '(19|20)[0-9]{2}') THEN {'first_month': ${x} || '-01', 'months': 12}
  END`;
}

/**
 * SQL: a date split over columns (day, month as a number or a name, year), as some fire
 * services export incidents ("1", "July", "2014"). Without a day, the first of the month.
 * The year must be written in full.
 */
export function splitDateSql(c: { day?: string; month: string; year: string }): string {
  const day = c.day ?? `'1'`;
  const month = `lower(${c.month})`;
  const monthNumber = `CASE WHEN regexp_full_match(${month}, '0?[1-9]|1[0-2]') THEN CAST(${month} AS INTEGER)
    ELSE list_position(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], left(${month}, 3))::INTEGER END`;
  const named = `(length(${month}) = 3 OR ${month} IN (${MONTH_NAMES.map((m) => `'${m}'`).join(', ')}) OR ${month} = 'sept')`;
  return `CASE WHEN regexp_full_match(${c.year}, '[0-9]{4}') AND regexp_full_match(${day}, '0?[1-9]|[12][0-9]|3[01]')
      AND (regexp_full_match(${month}, '0?[1-9]|1[0-2]') OR ${named})
    THEN try_strptime(${c.year} || '-' || (${monthNumber}) || '-' || ${day}, '%Y-%m-%d')::DATE END`;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
