import type { Config } from '../config/load.js';
import { didYouMean } from '../config/hints.js';
import type { Database } from '../ingest/database.js';
import type { Finding } from './assessment-schema.js';
import type { Populations } from './population.js';

const everyFigure = (config: Config) => ['allCrime', ...config.themes.map((t) => t.id)];

/**
 * What the denominators do to the rates: districts without a population (and population rows
 * whose district name matches none, the usual cause), and how old the population year is.
 */
export async function populationFindings(db: Database, config: Config, populations: Populations, windowYear: number): Promise<Finding[]> {
  const out: Finding[] = [];
  const names = config.geography.districts.flatMap((d) => [d.name, ...d.aliases]);
  const missing = config.geography.districts.filter((d) => !populations.get('district', d.name)).map((d) => d.name);
  const known = new Set(names.map((n) => n.toLowerCase()));
  const strangers = (await db.all<{ area: string }>(`SELECT DISTINCT area FROM population WHERE level = 'district' ORDER BY area`))
    .map((r) => r.area)
    .filter((a) => !known.has(a.toLowerCase()));
  for (const area of strangers) {
    const guess = didYouMean(area, missing.length > 0 ? missing : names);
    out.push({
      id: `population-unknown-district-${slug(area)}`,
      severity: 'warning',
      source: null,
      message: `the population file names a district "${area}" that is not in geography.districts${guess ? ` (did you mean "${guess}"?)` : ''}`,
      effect: guess
        ? `its population is not used, so ${guess} has no rate: correct the name in the population file or add it as an alias`
        : 'its population is not used',
      affects: [],
    });
  }
  if (missing.length > 0) {
    out.push({
      id: 'population-missing',
      severity: 'warning',
      source: null,
      message: `no district population for ${missing.join(', ')}`,
      effect: missing.includes(config.partnership.area)
        ? 'the area has no rate per 1,000 and no rank; the force average leaves out the districts without a population'
        : 'those districts have no rate and are not ranked; the force average leaves them out',
      affects: everyFigure(config),
    });
  }
  const years = [
    ...new Set(config.geography.districts.map((d) => populations.get('district', d.name)?.year).filter((y): y is number => typeof y === 'number')),
  ].sort();
  if (years.length > 0) {
    const oldest = years[0]!;
    const age = windowYear - oldest;
    const later = populations.unusedLaterYears;
    const when =
      age > 0
        ? `${age} year${age === 1 ? '' : 's'} before the window ends (${windowYear})`
        : age === 0
          ? `the year the window ends`
          : `${-age} year${age === -1 ? '' : 's'} after the window ends (${windowYear}): no earlier year was given`;
    out.push({
      id: 'population-year',
      severity: age >= 3 || age < 0 ? 'warning' : 'info',
      source: null,
      message: `district populations are for ${years.join(', ')}, ${when}${later.length ? `; rows for ${later.join(', ')} are after the window and not used` : ''}`,
      effect:
        age >= 3
          ? 'rates per 1,000 use residents counted years ago: where the population has grown, rates are overstated'
          : 'rates per 1,000 use the population nearest the window',
      // Every rate is affected alike: said once in the data-quality findings, not in every summary.
      affects: [],
    });
  }
  return out;
}

/**
 * A district of the force with no police rows at all is "no data", not a district with no
 * crime: its figures are left out of the force average and the ranks, and said.
 */
export function noDataFindings(config: Config, sourceId: string, withData: ReadonlySet<string>, elsewhere: readonly string[]): Finding[] {
  const absent = config.geography.districts.map((d) => d.name).filter((d) => !withData.has(d));
  return absent.map((district) => {
    const guess = didYouMean(district, elsewhere);
    return {
      id: `no-data-${slug(district)}`,
      severity: 'warning' as const,
      source: sourceId,
      message: `${district} is in geography.districts but has no rows at all in ${sourceId}${guess ? ` (the files name "${guess}": an old or mistyped name?)` : ''}`,
      effect: `${district} is shown as no data, not as no crime: it has no rate and no rank, and the force average leaves it out`,
      affects: everyFigure(config),
    };
  });
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
