import type { Config } from '../config/load.js';
import type { z } from 'zod';
import type { surveySource } from '../config/sources.js';
import { Database, sqlString } from '../ingest/database.js';
import type { Assessment } from './assessment-schema.js';
import { round1 } from './change.js';

type SurveySource = z.output<typeof surveySource>;

/**
 * The resident survey: "75.9% agreed with the proposed focus areas". Shares of a question
 * are of the respondents who answered it; shares of "problems" are of all respondents.
 */
export async function surveyResults(db: Database, config: Config): Promise<Assessment['survey']> {
  const entry = Object.entries(config.sources).find(([, s]) => s.kind === 'survey');
  if (!entry) return null;
  const [id, source] = entry as [string, SurveySource];
  const src = sqlString(id);
  const list = (values: string[]) => values.map((v) => sqlString(v.toLowerCase())).join(', ');
  const [t] = await db.all<Record<string, bigint>>(
    `SELECT count(*) AS responses,
       count(agreement) AS agree_answered, count(*) FILTER (WHERE lower(agreement) IN (${list(source.agreeValues)})) AS agree,
       count(safe_day) AS day_answered, count(*) FILTER (WHERE lower(safe_day) IN (${list(source.safeValues)})) AS day,
       count(safe_dark) AS dark_answered, count(*) FILTER (WHERE lower(safe_dark) IN (${list(source.safeValues)})) AS dark
     FROM survey_responses WHERE source = ${src}`,
  );
  const num = (k: string) => Number(t![k]);
  const pct = (a: number, b: number) => (b > 0 ? round1((100 * a) / b) : null);
  const responses = num('responses');
  const problems = await db.all<{ option: string; n: bigint }>(
    `SELECT option, count(DISTINCT response) AS n FROM (SELECT response, unnest(problems) AS option FROM survey_responses WHERE source = ${src})
     GROUP BY option ORDER BY n DESC, option`,
  );
  return {
    source: id,
    responses,
    agreePct: pct(num('agree'), num('agree_answered')),
    agreeAnswered: num('agree_answered'),
    agreeRespondents: num('agree'),
    safeDayPct: pct(num('day'), num('day_answered')),
    safeDayAnswered: num('day_answered'),
    safeDayRespondents: num('day'),
    safeDarkPct: pct(num('dark'), num('dark_answered')),
    safeDarkAnswered: num('dark_answered'),
    safeDarkRespondents: num('dark'),
    problems: problems.map((p) => ({ option: p.option, respondents: Number(p.n), sharePct: pct(Number(p.n), responses) ?? 0 })),
  };
}

/** Share of respondents naming any of a theme's survey options (a respondent counts once). */
export async function perceptionPct(db: Database, surveyId: string, options: readonly string[]): Promise<number | null> {
  if (options.length === 0) return null;
  const [r] = await db.all<{ named: bigint; total: bigint }>(
    `SELECT count(*) FILTER (WHERE list_has_any(list_transform(problems, x -> lower(x)), [${options.map((o) => sqlString(o.toLowerCase())).join(', ')}])) AS named,
       count(*) AS total FROM survey_responses WHERE source = ${sqlString(surveyId)}`,
  );
  return Number(r!.total) > 0 ? round1((100 * Number(r!.named)) / Number(r!.total)) : null;
}

/** Practitioners' mean score per criterion for a theme. */
export async function judgementMeans(db: Database, themeId: string): Promise<Record<string, { mean: number; practitioners: number }>> {
  const rows = await db.all<{ criterion: string; mean: number; n: bigint }>(
    `SELECT criterion, avg(score) AS mean, count(score) AS n FROM judgements WHERE theme = ${sqlString(themeId)} AND score IS NOT NULL
     GROUP BY criterion ORDER BY criterion`,
  );
  return Object.fromEntries(rows.map((r) => [r.criterion, { mean: Math.round(r.mean * 100) / 100, practitioners: Number(r.n) }]));
}
