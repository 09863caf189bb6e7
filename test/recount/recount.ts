/**
 * The independent recount (issue 20, item 9): every count-based figure of assessment.json worked
 * out again from the police CSV files by a second, deliberately plain implementation.
 *
 * It shares no code with csp: nothing is imported from src/ but types (`import type`), there is
 * no DuckDB, and the rules are written out below from the README's words ("What assess
 * computes", "What is refused rather than counted") rather than from csp's SQL:
 *
 * - every row of a police file is read with csv-parse (strict: a row of the wrong length throws);
 * - a row is refused when its Month (trimmed) is not YYYY-MM with a month 01–12, when the month
 *   is after today's, or when its Crime type is empty; blank rows (`,,,,,,,,,,,`) are refused as
 *   having no month;
 * - a non-empty Crime ID already held by an earlier row of the source (same file or an earlier
 *   file, files in sorted path order, rows in file order) is refused: the first is kept. ASB
 *   rows have no Crime ID and are never repeats. Which earlier row holds the ID: see
 *   `idClaim` below;
 * - a row's district is its LSOA name less a trailing " NNNX" code, an alias counted under the
 *   district's name; an empty LSOA name is no district;
 * - all crime is every category but "Anti-social behaviour".
 *
 * Counts are kept in Maps keyed by district × month × category (and LSOA × month × category for
 * the partnership area), so one read serves any number of windows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import type { Assessment } from '../../src/analyse/assessment-schema.js';

export const ASB = 'Anti-social behaviour';

/** What the recount needs to know of a workspace: read from csp.yaml by `recountConfig`. */
export interface RecountConfig {
  area: string;
  districts: { name: string; aliases: string[] }[];
  /** Each theme's police categories (only themes that have police categories). */
  themes: { id: string; categories: string[] }[];
  /** The police files, absolute paths, in the order csp reads them (sorted). */
  policeFiles: string[];
  /** The csp.yaml window (end month, length in months). */
  period: { end: string; months: number };
  seriesMonths: number;
}

/**
 * Which earlier row keeps a Crime ID for itself:
 * - 'accepted': the first row that is otherwise accepted (a row refused for its month has not
 *   been counted, so a later good row with its ID is the crime's first count);
 * - 'any': the first row read, whatever else is wrong with it.
 * Only a repeated ID whose first row is refused for its month or category tells them apart;
 * neither the real files nor the duplicate mutations have one. See recount-edges.test.ts.
 */
export type IdClaim = 'accepted' | 'any';

export interface FileCounts {
  file: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rejects: Record<string, number>;
}

export interface PoliceCounts {
  files: FileCounts[];
  /** Months with at least one accepted row, sorted. */
  months: string[];
  /** district → month → category → n (accepted rows with a district). */
  byDistrict: Map<string, Map<string, Map<string, number>>>;
  /** For the partnership area: LSOA name → month → category → n. */
  byLsoa: Map<string, Map<string, Map<string, number>>>;
}

// ——— reading csp.yaml (with the yaml package, not csp's loader) ———

/** The files a `files:` entry names: a path, or a folder and a file-name pattern with `*`. */
function expand(baseDir: string, pattern: string): string[] {
  const full = path.resolve(baseDir, pattern);
  const dir = path.dirname(full);
  const name = path.basename(full);
  if (!name.includes('*')) return [full];
  const re = new RegExp(
    `^${name
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .map((f) => path.join(dir, f));
}

export function recountConfig(configFile: string): RecountConfig {
  const y = parseYaml(readFileSync(configFile, 'utf8')) as {
    partnership: { area: string };
    period: { end: string | number; months?: number; seriesMonths?: number };
    geography: { districts: { name: string; aliases?: string[] }[] };
    sources: Record<string, { kind: string; files: string | string[] }>;
    themes?: { id: string; categories: Record<string, string[]> }[];
  };
  const police = Object.entries(y.sources).find(([, s]) => s.kind === 'police-uk-street');
  if (!police) throw new Error(`${configFile}: no police-uk-street source`);
  const [policeId, source] = police;
  const patterns = Array.isArray(source.files) ? source.files : [source.files];
  const files = [...new Set(patterns.flatMap((p) => expand(path.dirname(configFile), p)))].sort();
  return {
    area: y.partnership.area,
    districts: y.geography.districts.map((d) => ({ name: d.name, aliases: d.aliases ?? [] })),
    themes: (y.themes ?? []).filter((t) => t.categories[policeId]).map((t) => ({ id: t.id, categories: t.categories[policeId]! })),
    policeFiles: files,
    period: { end: String(y.period.end), months: y.period.months ?? 12 },
    seriesMonths: y.period.seriesMonths ?? 36,
  };
}

// ——— reading and counting the police files ———

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const LSOA_CODE_AT_END = / [0-9]{3}[A-Z]$/;

function bump(map: Map<string, Map<string, Map<string, number>>>, a: string, b: string, c: string): void {
  let m1 = map.get(a);
  if (!m1) map.set(a, (m1 = new Map()));
  let m2 = m1.get(b);
  if (!m2) m1.set(b, (m2 = new Map()));
  m2.set(c, (m2.get(c) ?? 0) + 1);
}

export function readCsv(file: string): string[][] {
  const bytes = readFileSync(file);
  const textOf = file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
  return parseCsv(textOf, { bom: true }) as string[][];
}

/**
 * Reads the police files and counts the accepted rows. `today` is YYYY-MM-DD (months after its
 * month are refused as in the future).
 */
export function countPolice(cfg: RecountConfig, today: string, idClaim: IdClaim = 'accepted'): PoliceCounts {
  const alias = new Map<string, string>();
  for (const d of cfg.districts) for (const a of d.aliases) alias.set(a, d.name);
  const thisMonth = today.slice(0, 7);
  const ids = new Set<string>();
  const months = new Set<string>();
  const byDistrict: PoliceCounts['byDistrict'] = new Map();
  const byLsoa: PoliceCounts['byLsoa'] = new Map();
  const files: FileCounts[] = [];
  for (const file of cfg.policeFiles) {
    const [header, ...rows] = readCsv(file);
    const col = (name: string) => {
      const i = header!.indexOf(name);
      if (i < 0) throw new Error(`${file}: no column "${name}"`);
      return i;
    };
    const [cId, cMonth, cName, cType] = [col('Crime ID'), col('Month'), col('LSOA name'), col('Crime type')];
    const counts: FileCounts = { file, rowsRead: rows.length, rowsAccepted: 0, rowsRejected: 0, rejects: {} };
    const refuse = (why: string) => {
      counts.rowsRejected++;
      counts.rejects[why] = (counts.rejects[why] ?? 0) + 1;
    };
    for (const row of rows) {
      const id = row[cId]!.trim();
      const month = row[cMonth]!.trim();
      const category = row[cType]!.trim();
      const lsoa = row[cName]!.trim();
      let why: string | null = null;
      if (!MONTH.test(month)) why = 'month';
      else if (month > thisMonth) why = 'future';
      else if (category === '') why = 'category';
      if (id !== '') {
        if (ids.has(id)) {
          refuse(why ?? 'repeat');
          continue;
        }
        if (why === null || idClaim === 'any') ids.add(id);
      }
      if (why !== null) {
        refuse(why);
        continue;
      }
      counts.rowsAccepted++;
      months.add(month);
      if (lsoa === '') continue;
      const raw = lsoa.replace(LSOA_CODE_AT_END, '');
      const district = alias.get(raw) ?? raw;
      bump(byDistrict, district, month, category);
      if (district === cfg.area) bump(byLsoa, lsoa, month, category);
    }
    files.push(counts);
  }
  return { files, months: [...months].sort(), byDistrict, byLsoa };
}

// ——— the figures ———

/** Months as a number, so windows can be worked out by arithmetic. */
const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const month = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
export const monthsFrom = (first: string, last: string) => {
  const out: string[] = [];
  for (let i = index(first); i <= index(last); i++) out.push(month(i));
  return out;
};

export interface Window {
  start: string;
  end: string;
  previousStart: string;
  previousEnd: string;
  months: number;
}

export function windowOf(end: string, months: number): Window {
  const e = index(end);
  return { start: month(e - months + 1), end, previousStart: month(e - 2 * months + 1), previousEnd: month(e - months), months };
}

/** Which categories a figure counts: all crime is every category but ASB. */
type Pick = (category: string) => boolean;
const allCrime: Pick = (c) => c !== ASB;
const theme =
  (categories: readonly string[]): Pick =>
  (c) =>
    categories.includes(c);

function total(byMonth: Map<string, Map<string, number>> | undefined, months: readonly string[], pick: Pick): number {
  let n = 0;
  if (!byMonth) return 0;
  for (const m of months) for (const [c, k] of byMonth.get(m) ?? []) if (pick(c)) n += k;
  return n;
}

export interface ExpectedFigure {
  current: number;
  previous: number;
  change: number;
  series: { month: string; count: number; rolling12: number | null }[];
  /** Every district of the force (sorted by name): null where the source has no row at all for it. */
  districts: { area: string; current: number | null; previous: number | null }[];
  hotspots: { areas: number; total: number; byCount: { area: string; count: number }[]; top10PctAreas: number };
  /** Count of every LSOA of the area in the current window, and the top tenth's total, for the share checks. */
  lsoaCounts: Map<string, number>;
  top10PctCount: number;
  /** Month → the area's count, over every month read: comparable changes are summed from it. */
  monthly: Map<string, number>;
}

export interface Expected {
  window: Window;
  seriesStart: string;
  files: { rowsRead: number; rowsAccepted: number; rowsRejected: number }[];
  months: string[];
  allCrime: ExpectedFigure;
  themes: (ExpectedFigure & { id: string; categoryCounts: { category: string; current: number; previous: number }[] })[];
}

function figure(counts: PoliceCounts, cfg: RecountConfig, w: Window, pick: Pick): ExpectedFigure {
  const current = monthsFrom(w.start, w.end);
  const previous = monthsFrom(w.previousStart, w.previousEnd);
  const area = counts.byDistrict.get(cfg.area);
  const monthly = new Map<string, number>();
  for (const m of counts.months) monthly.set(m, total(area, [m], pick));
  const count = (m: string) => monthly.get(m) ?? 0;

  // The series: seriesMonths back from the window's end, but not before the first month read.
  const wanted = monthsFrom(month(index(w.end) - cfg.seriesMonths + 1), w.end);
  const shown = wanted.filter((m) => m >= counts.months[0]!);
  const series = shown.map((m) => {
    const last12 = monthsFrom(month(index(m) - 11), m);
    return { month: m, count: count(m), rolling12: last12[0]! >= shown[0]! ? last12.reduce((s, x) => s + count(x), 0) : null };
  });

  const districts = [...cfg.districts]
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const rows = counts.byDistrict.get(name);
      return rows === undefined
        ? { area: name, current: null, previous: null }
        : { area: name, current: total(rows, current, pick), previous: total(rows, previous, pick) };
    });

  const lsoaCounts = new Map<string, number>();
  for (const [lsoa, byMonth] of counts.byLsoa) {
    const n = total(byMonth, current, pick);
    if (n > 0) lsoaCounts.set(lsoa, n);
  }
  // The published rule (src/analyse/concentration.ts): the top 5 by count, ties by name; the
  // top tenth is ceil(areas / 10), at least one.
  const ranked = [...lsoaCounts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const top10PctAreas = Math.max(1, Math.ceil(lsoaCounts.size / 10));
  const cur = current.reduce((s, m) => s + count(m), 0);
  const prev = previous.reduce((s, m) => s + count(m), 0);
  return {
    current: cur,
    previous: prev,
    change: cur - prev,
    series,
    districts,
    hotspots: {
      areas: lsoaCounts.size,
      total: [...lsoaCounts.values()].reduce((s, n) => s + n, 0),
      byCount: ranked.slice(0, 5).map(([area, n]) => ({ area, count: n })),
      top10PctAreas,
    },
    lsoaCounts,
    top10PctCount: ranked.slice(0, top10PctAreas).reduce((s, [, n]) => s + n, 0),
    monthly,
  };
}

export function expected(counts: PoliceCounts, cfg: RecountConfig, w: Window): Expected {
  const area = counts.byDistrict.get(cfg.area);
  const cur = monthsFrom(w.start, w.end);
  const prev = monthsFrom(w.previousStart, w.previousEnd);
  return {
    window: w,
    seriesStart: month(index(w.end) - cfg.seriesMonths + 1),
    files: counts.files.map(({ rowsRead, rowsAccepted, rowsRejected }) => ({ rowsRead, rowsAccepted, rowsRejected })),
    months: counts.months,
    allCrime: figure(counts, cfg, w, allCrime),
    themes: cfg.themes.map((t) => {
      // Categories the area has any row of, in any month, with their counts in each window.
      const seen = new Set<string>();
      for (const byCat of area?.values() ?? []) for (const c of byCat.keys()) if (t.categories.includes(c)) seen.add(c);
      const categoryCounts = [...seen]
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((c) => ({
          category: c,
          current: total(area, cur, (x) => x === c),
          previous: total(area, prev, (x) => x === c),
        }));
      return { id: t.id, ...figure(counts, cfg, w, theme(t.categories)), categoryCounts };
    }),
  };
}

// ——— comparing with csp's assessment.json ———

type Fig = Assessment['allCrime'] | Assessment['themes'][number]['measures'][number];

/** The count-based part of a csp figure, in the shape of ExpectedFigure (for one toEqual with a readable diff). */
function countsOf(f: Fig, districts: Assessment['comparators']) {
  return {
    current: f.current,
    previous: f.previous,
    change: f.change,
    series: f.series.map(({ month: m, count, rolling12 }) => ({ month: m, count, rolling12 })),
    districts: districts
      .filter((d) => d.group === 'force')
      .map((d) => ({ area: d.area, current: d.current, previous: d.previous }))
      .sort((a, b) => (a.area < b.area ? -1 : 1)),
    hotspots: {
      areas: f.hotspots.areas,
      total: f.hotspots.total,
      byCount: f.hotspots.byCount.map(({ area, count }) => ({ area, count })),
      top10PctAreas: f.hotspots.top10PctAreas,
    },
  };
}

const shareOk = (pct: number | null, n: number, of: number) =>
  of === 0 ? pct === null || pct === 0 : pct !== null && Math.abs((100 * n) / of - pct) <= 0.05 + 1e-9;

/**
 * Every disagreement between csp's figure and the recount, as readable lines; [] when they agree.
 * Shares (sharePct, top10PctSharePct) are percentages rounded to 1 decimal: checked to ±0.05.
 */
function figureProblems(name: string, f: Fig, districts: Assessment['comparators'] | null, e: ExpectedFigure, w: Window): string[] {
  const out: string[] = [];
  const { lsoaCounts, top10PctCount, monthly, ...want } = e;
  const got = countsOf(f, districts ?? []);
  for (const key of Object.keys(want) as (keyof typeof want)[]) {
    if (key === 'districts' && districts === null) continue;
    if (JSON.stringify(got[key]) !== JSON.stringify(want[key]))
      out.push(`${name}.${key}: csp ${JSON.stringify(got[key])}, recount ${JSON.stringify(want[key])}`);
  }
  const h = f.hotspots;
  for (const b of h.byCount)
    if (!shareOk(b.sharePct, b.count, h.total)) out.push(`${name}.hotspots.byCount ${b.area}: sharePct ${b.sharePct} for ${b.count} of ${h.total}`);
  if (!shareOk(h.top10PctSharePct, top10PctCount, e.hotspots.total))
    out.push(`${name}.hotspots.top10PctSharePct: csp ${h.top10PctSharePct}, recount ${top10PctCount} of ${e.hotspots.total}`);
  // By rate: the rates need LSOA populations, but each count is a count.
  for (const b of h.byRate)
    if (b.count !== (lsoaCounts.get(b.area) ?? 0)) out.push(`${name}.hotspots.byRate ${b.area}: count ${b.count}, recount ${lsoaCounts.get(b.area) ?? 0}`);
  // Control-chart exceptions name a month and its count.
  for (const x of f.variability.exceptions)
    if (x.count !== (monthly.get(x.month) ?? 0)) out.push(`${name}.variability.exceptions ${x.month}: count ${x.count}, recount ${monthly.get(x.month) ?? 0}`);
  out.push(...comparableProblems(name, f.comparable, monthly, w));
  return out;
}

/**
 * Where csp found a window unlike the other (comparable is not null), the months it leaves out
 * are its own finding (partial-month detection is not a count); everything else is recounted:
 * each left-out month pairs with the month a window-length away, `months` = window months −
 * left out / 2, and current / previous are the sums of the months that are not left out.
 */
export function comparableProblems(name: string, c: Fig['comparable'], monthly: Map<string, number>, w: Window): string[] {
  if (c === null) return [];
  const out: string[] = [];
  const excluded = new Set(c.excludedMonths);
  const cur = monthsFrom(w.start, w.end);
  const prev = monthsFrom(w.previousStart, w.previousEnd);
  for (const m of excluded) {
    const i = cur.indexOf(m) >= 0 ? cur.indexOf(m) : prev.indexOf(m);
    if (i < 0) out.push(`${name}.comparable: left-out month ${m} is in neither window`);
    else if (!excluded.has(cur.includes(m) ? prev[i]! : cur[i]!)) out.push(`${name}.comparable: left-out month ${m} has no counterpart left out`);
  }
  for (const g of c.gaps) if (!excluded.has(g.month)) out.push(`${name}.comparable: gap month ${g.month} is not left out`);
  const sum = (ms: string[]) => ms.filter((m) => !excluded.has(m)).reduce((s, m) => s + (monthly.get(m) ?? 0), 0);
  const want = { months: w.months - excluded.size / 2, current: sum(cur), previous: sum(prev), change: sum(cur) - sum(prev) };
  const got = { months: c.months, current: c.current, previous: c.previous, change: c.change };
  if (JSON.stringify(got) !== JSON.stringify(want))
    out.push(`${name}.comparable: csp ${JSON.stringify(got)}, recount ${JSON.stringify(want)} (left out ${[...excluded].join(', ')})`);
  return out;
}

/** Every disagreement between an assessment.json and the recount; [] when every count agrees. */
export function problems(a: Assessment, e: Expected, policeSource = 'police'): string[] {
  const out: string[] = [];
  const w = e.window;
  const period = {
    start: a.period.start,
    end: a.period.end,
    previousStart: a.period.previousStart,
    previousEnd: a.period.previousEnd,
    months: a.period.months,
  };
  if (JSON.stringify(period) !== JSON.stringify(w)) out.push(`period: csp ${JSON.stringify(period)}, recount ${JSON.stringify(w)}`);
  if (a.period.seriesStart !== e.seriesStart) out.push(`period.seriesStart: csp ${a.period.seriesStart}, recount ${e.seriesStart}`);
  const src = a.sources.find((s) => s.id === policeSource);
  if (!src) return [...out, `no source ${policeSource} in assessment.json`];
  const files = src.files.map(({ rowsRead, rowsAccepted, rowsRejected }) => ({ rowsRead, rowsAccepted, rowsRejected }));
  if (JSON.stringify(files) !== JSON.stringify(e.files))
    out.push(`sources.${policeSource}.files: csp ${JSON.stringify(files)}, recount ${JSON.stringify(e.files)}`);
  if (JSON.stringify(src.months) !== JSON.stringify(e.months))
    out.push(`sources.${policeSource}.months: csp ${JSON.stringify(src.months)}, recount ${JSON.stringify(e.months)}`);
  const sum = (k: 'rowsRead' | 'rowsAccepted' | 'rowsRejected') => e.files.reduce((s, f) => s + f[k], 0);
  for (const k of ['rowsRead', 'rowsAccepted', 'rowsRejected'] as const)
    if (src[k] !== sum(k)) out.push(`sources.${policeSource}.${k}: csp ${src[k]}, recount ${sum(k)}`);

  out.push(...figureProblems('allCrime', a.allCrime, a.comparators, e.allCrime, w));
  for (const { id, categoryCounts, ...t } of e.themes) {
    const theme = a.themes.find((x) => x.id === id);
    const m = theme?.measures.find((x) => x.source === policeSource);
    if (!theme || !m) {
      out.push(`themes.${id}: no police measure in assessment.json`);
      continue;
    }
    // The theme's own figures are its headline measure's; its districts are the police measure's.
    if (theme.headlineSource === policeSource && (theme.current !== m.current || theme.previous !== m.previous)) {
      out.push(`themes.${id}: headline ${theme.current}/${theme.previous} is not its police measure's ${m.current}/${m.previous}`);
    }
    // A theme's districts are its headline measure's: checked where that is the police one.
    out.push(...figureProblems(`themes.${id}`, m, theme.headlineSource === policeSource ? theme.districts : null, t, w));
    const cc = m.categoryCounts.map(({ category, current, previous }) => ({ category, current, previous }));
    if (JSON.stringify(cc) !== JSON.stringify(categoryCounts))
      out.push(`themes.${id}.categoryCounts: csp ${JSON.stringify(cc)}, recount ${JSON.stringify(categoryCounts)}`);
  }
  return out;
}
