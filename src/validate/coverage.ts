import type { Problem } from '../core/errors.js';
import { addMonths, monthIndex, monthLabel } from '../core/calendar/months.js';
import { periodLabel, type Period } from '../core/calendar/periods.js';
import { counted } from '../core/words.js';

/**
 * Both windows must lie inside the months the police data covers: a month with no file is
 * counted as zero, so a window past the data reads as a fall of 90% and more, "significant",
 * and one before it as a rise from nothing. One problem says which months the data covers and
 * how to choose a window inside them. `months` is the sorted list of months with data.
 */
export function windowOutsideData(period: Period, months: readonly string[], o: { sourceId: string; periodKey: string }): Problem | null {
  if (months.length === 0) return null;
  const [first, last] = [months[0]!, months.at(-1)!];
  if (period.previousStart >= first && period.end <= last) return null;
  const covered = periodLabel(first, last);
  const span = monthIndex(last) - monthIndex(first) + 1;
  const fits = Math.floor(span / 2);
  const asked = `${period.label}, compared with ${period.previousLabel}`;
  const length = Math.min(period.months, fits);
  const example = `${addMonths(last, -(length - 1))}..${last}`;
  const setting =
    o.periodKey === '--period'
      ? `e.g. --period ${example}`
      : `set period.end to ${last}${length < period.months ? ` and period.months to ${length}` : ''} in csp.yaml, or pass --period ${example}`;
  const fix =
    fits >= 1
      ? `choose windows inside the data (two windows of ${length} month${length === 1 ? '' : 's'} fit in ${covered}): ${setting}; or add the police files of the months missing`
      : 'the data covers one month only: add the police files of the months the windows need';
  let why: string;
  if (period.start > last) why = `the window ${asked}, is after the last month of police data`;
  else if (period.end > last)
    why = `the window ${asked}, runs past the last month of police data (${monthLabel(last)}): ${counted(monthIndex(period.end) - monthIndex(last), 'month')} would count as zero`;
  else if (period.end < first) why = `the window ${asked}, is before the first month of police data`;
  else
    why = `the previous window (${period.previousLabel}) starts before the first month of police data (${monthLabel(first)}): the change would be measured against months with no data`;
  return { message: `${why}; the data of source "${o.sourceId}" covers ${covered}`, where: { key: o.periodKey }, hint: fix };
}
