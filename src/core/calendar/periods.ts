import { invalidInput } from '../errors.js';
import { addMonths, monthIndex } from './months.js';

/** The current window and the previous window of the same length immediately before it. */
export interface Period {
  start: string;
  end: string;
  months: number;
  previousStart: string;
  previousEnd: string;
  /** "Jan–Dec 2025", "Apr 2024–Mar 2025": as the seeds write periods. */
  label: string;
  previousLabel: string;
}

export function windowEnding(end: string, months: number): Period {
  const start = addMonths(end, -(months - 1));
  const previousEnd = addMonths(start, -1);
  const previousStart = addMonths(previousEnd, -(months - 1));
  return {
    start,
    end,
    months,
    previousStart,
    previousEnd,
    label: periodLabel(start, end),
    previousLabel: periodLabel(previousStart, previousEnd),
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * `--period`: a window of whole months, written as a range (2025-01..2025-12, 2024-04..2025-03),
 * a calendar year (2025: January to December) or a financial year (2024/25 or 2024/2025: April
 * to March).
 */
export function parsePeriodOption(text: string): { end: string; months: number } {
  const t = text.trim();
  if (/^(19|20)\d{2}$/.test(t)) return { end: `${t}-12`, months: 12 };
  const fy = /^(?:FY ?)?((?:19|20)\d{2}) ?\/ ?(\d{2}|\d{4})$/i.exec(t);
  if (fy) {
    const start = Number(fy[1]);
    if (Number(fy[2]!.slice(-2)) !== (start + 1) % 100) {
      throw invalidInput({
        message: `--period "${text}" is not a financial year: ${fy[2]} does not follow ${start}`,
        hint: `write the financial year April ${start}–March ${start + 1} as ${start}/${String((start + 1) % 100).padStart(2, '0')}`,
      });
    }
    return { end: `${start + 1}-03`, months: 12 };
  }
  const [start, end, ...rest] = t.split('..');
  if (!start || !end || rest.length > 0 || !MONTH.test(start) || !MONTH.test(end)) {
    throw invalidInput({
      message: `--period "${text}" is not a range of months, a year or a financial year`,
      hint: 'write it as YYYY-MM..YYYY-MM (--period 2025-01..2025-12), a calendar year (--period 2025) or a financial year (--period 2024/25)',
    });
  }
  const months = monthIndex(end) - monthIndex(start) + 1;
  if (months < 1) {
    throw invalidInput({ message: `--period "${text}" ends before it starts`, hint: 'put the earlier month first' });
  }
  return { end, months };
}

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function periodLabel(start: string, end: string): string {
  const [sy, sm] = [start.slice(0, 4), SHORT[Number(start.slice(5)) - 1]];
  const [ey, em] = [end.slice(0, 4), SHORT[Number(end.slice(5)) - 1]];
  if (start === end) return `${sm} ${sy}`;
  return sy === ey ? `${sm}–${em} ${ey}` : `${sm} ${sy}–${em} ${ey}`;
}

/** Whether a month lies within [start, end]. */
export const within = (month: string, start: string, end: string) => month >= start && month <= end;

/** The window of one run and the setting it came from, which messages name. */
export interface RunWindow {
  period: Period;
  key: '--period' | 'period';
}

/** The run's window, resolved once by the command: --period when given, else csp.yaml's period. */
export function runWindow(configured: { end: string; months: number }, option?: string): RunWindow {
  const w = option ? parsePeriodOption(option) : configured;
  return { period: windowEnding(w.end, w.months), key: option ? '--period' : 'period' };
}
