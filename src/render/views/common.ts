import type { Assessment } from '../../analyse/assessment-schema.js';
import type { Config } from '../../config/load.js';
import type { Plan } from '../../config/plan-schema.js';
import type { Chart } from '../charts.js';
import { longDate } from '../../core/words.js';
import { logoDataUri } from '../logo.js';

/** A table as templates print it: the first cell of a row is its header. */
export interface TableView {
  caption: string;
  columns: { label: string; numeric: boolean; code: boolean }[];
  rows: { cells: { text: string; numeric: boolean; code: boolean }[]; highlight: boolean }[];
  /** A short table is kept on one page in print, so its caption and header never end a page alone. */
  short: boolean;
  /** Its first column is short labels, kept on one line in print (the Cabinet report's implications). */
  labels?: boolean;
  /** Four columns or more: on a phone each row is stacked, each cell under its column's name. */
  wide: boolean;
  /** Right under a heading of the same words: the caption is for screen readers only (underHeading). */
  captionHidden: boolean;
}

/** A theme's name by its id; the id itself where the assessment has no such theme. */
export const themeName = (a: Assessment, id: string): string => a.themes.find((t) => t.id === id)?.name ?? id;

/** How many of last year's actions have this status (completed, ongoing, carried forward). */
export const actionsWith = (a: Assessment, status: string): number => a.actions.filter((x) => x.status === status).length;

/** A column is text, a number ('num': right-aligned) or a code such as a hash ('code': may break anywhere). */
export function table(
  caption: string,
  columns: (string | [string, 'num' | 'code'])[],
  rows: (string | number)[][],
  highlight: (i: number) => boolean = () => false,
): TableView {
  const all = columns.map((c) =>
    Array.isArray(c) ? { label: c[0], numeric: c[1] === 'num', code: c[1] === 'code' } : { label: c, numeric: false, code: false },
  );
  // A column with nothing in it (e.g. no contact has a website) is left out.
  const keep = all.map((_, j) => j === 0 || rows.length === 0 || rows.some((r) => String(r[j] ?? '') !== ''));
  const cols = all.filter((_, j) => keep[j]);
  return {
    caption,
    columns: cols,
    rows: rows.map((r, i) => ({
      cells: r.filter((_, j) => keep[j]).map((cell, j) => ({ text: String(cell), numeric: cols[j]?.numeric ?? false, code: cols[j]?.code ?? false })),
      highlight: highlight(i),
    })),
    short: rows.length <= 14,
    wide: cols.length >= 4,
    captionHidden: false,
  };
}

/**
 * A table that stands right under a heading of the same words ("Corporate implications"): its
 * caption is kept for screen readers, which announce a table by it, but not printed a second time.
 */
export function underHeading(t: TableView): TableView {
  return { ...t, captionHidden: true };
}

export interface FigureView {
  id: string;
  title: string;
  description: string;
  svg: string;
  table: TableView | null;
}

export const figure = (chart: Chart, data: TableView | null): FigureView => ({ ...chart, table: data });

export interface Branding {
  name: string;
  primaryColour: string;
  accentColour: string;
  logo: string | null;
  logoAlt: string;
}

/** The partnership's name, colours and logo, from csp.yaml; the logo is embedded so the page loads nothing. */
export function branding(config: Config): Branding {
  const b = config.branding;
  const logo = logoDataUri(config);
  return {
    name: b.name ?? config.partnership.name,
    primaryColour: b.primaryColour,
    accentColour: b.accentColour,
    logo,
    logoAlt: b.logoAlt ?? `${b.name ?? config.partnership.name} logo`,
  };
}

export interface DocumentFrame {
  lang: 'en-GB';
  title: string;
  subtitle: string;
  author: string;
  marking: string | null;
  /** The date printed, in words; `isoDate` is the same date as YYYY-MM-DD, for the PDF's metadata. */
  generatedOn: string;
  isoDate: string;
  branding: Branding;
  stylesheet: string;
  contents: { id: string; title: string }[];
  /** The contents list without numbers of its own, where the sections carry theirs (the Cabinet report's 1.0, 2.0 …). */
  contentsPlain: boolean;
  sampleNote: string | null;
}

export function frame(
  o: Omit<DocumentFrame, 'lang' | 'generatedOn' | 'isoDate' | 'contentsPlain'> & { generatedOn: string; contentsPlain?: boolean },
): DocumentFrame {
  return { ...o, lang: 'en-GB', generatedOn: longDate(o.generatedOn), isoDate: o.generatedOn, contentsPlain: o.contentsPlain ?? false };
}

/**
 * The date the plan and the Cabinet report carry: csp.yaml's output.date where set, else
 * plan.yaml's date, else the assessment's. Never the day render-plan ran, which may be after
 * the meeting the report was written for.
 */
export function planDate(a: Assessment, plan: Plan, config: Config): string {
  return config.output.date ?? plan.date ?? a.generatedOn;
}

/** A year × month grid of a monthly series: compact enough to print beside its chart. Incomplete months are marked *. */
export function seriesTable(
  caption: string,
  series: { month: string; count: number }[],
  show: (n: number) => string,
  incomplete: readonly string[] = [],
): TableView {
  const years = [...new Set(series.map((s) => s.month.slice(0, 4)))];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const rows = years.map((y) => [
    y,
    ...months.map((_, i) => {
      const m = series.find((s) => s.month === `${y}-${String(i + 1).padStart(2, '0')}`);
      return m ? `${show(m.count)}${incomplete.includes(m.month) ? '*' : ''}` : '';
    }),
  ]);
  const marked = series.some((s) => incomplete.includes(s.month));
  return table(marked ? `${caption} (* the month's data is incomplete)` : caption, ['Year', ...months.map((m) => [m, 'num'] as [string, 'num'])], rows);
}
