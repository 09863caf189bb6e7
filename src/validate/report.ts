import type { Config } from '../config/load.js';
import type { Problem } from '../core/errors.js';
import { onTwoConnections } from '../ingest/connections.js';
import { windowOutsideData } from './coverage.js';
import { surveySeparatorProblem, themeCategoryProblems } from './mapping-checks.js';
import type { Period } from '../core/calendar/periods.js';
import { Database } from '../ingest/database.js';
import type { IngestResult } from '../ingest/index.js';
import { allCrimeSource } from '../config/all-crime.js';
import type { SourceReport, ValidationReport } from './types.js';
import { describeSource } from './source-report.js';
import { districtMoves, populationConflicts, tooManyUnlocated } from './workspace-checks.js';
import { sourceWarnings } from './warnings.js';
import { count } from '../core/words.js';

/**
 * `window`: the assessment window the data will be used for (csp.yaml's, or assess's --period);
 * both it and the previous window must lie inside the police data.
 */
export async function describeIngest(db: Database, config: Config, ingested: IngestResult, window: { period: Period; key: string }): Promise<ValidationReport> {
  const warnings: Problem[] = [...ingested.warnings];
  const errors = [...ingested.errors];
  const sources: SourceReport[] = [];
  // The police sources' questions (over a row per LSOA and month of the force) on this
  // connection, the others' meanwhile on a second one.
  const reports = await onTwoConnections(
    db,
    ingested.sources,
    (s) => s.kind === 'police-uk-street',
    (read, on) => describeSource(on, config, read),
  );
  for (const [i, read] of ingested.sources.entries()) {
    const report = reports[i]!;
    sources.push(report);
    warnings.push(...sourceWarnings(config, report));
    if (read.files.length > 0 && read.rowsAccepted === 0 && !read.files.every((f) => f.error)) {
      errors.push({
        message: `source "${read.id}" has no usable rows: ${read.rowsRead === 1 ? 'its only row was' : `all ${count(read.rowsRead)} rows were`} rejected`,
        where: { key: `sources.${read.id}` },
        hint: 'csp validate lists each reason with its file and line; the column mapping or date format is the usual cause',
      });
    }
  }
  const categories = themeCategoryProblems(config, sources);
  errors.push(...categories.errors);
  warnings.push(...categories.warnings);
  for (const s of sources) {
    const unsplit = await surveySeparatorProblem(db, config, s);
    if (unsplit) warnings.push(unsplit);
  }
  // The windows must lie inside the data of all crime (the police files, or the force's own export).
  const crime = sources.find((s) => s.id === allCrimeSource(config)?.source);
  const outside = crime ? windowOutsideData(window.period, crime.months, { sourceId: crime.id, periodKey: window.key }) : null;
  if (outside) errors.push(outside);
  for (const s of sources) errors.push(...tooManyUnlocated(config, s, window.period));
  for (const s of sources) if (s.kind === 'police-uk-street') errors.push(...(await districtMoves(db, config, s.id)));
  errors.push(...(await populationConflicts(db)));
  return { sources, errors, warnings };
}
