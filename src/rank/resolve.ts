import type { Config } from '../config/load.js';
import type { RankingConfig } from '../config/ranking.js';
import type { Problem } from '../core/errors.js';

export type CriterionKind = 'volume' | 'trend' | 'harm' | 'perception' | 'judged';

export interface Criterion {
  id: string;
  kind: CriterionKind;
  weight: number;
  thresholds: number[];
  step: number;
  /** volume only */
  measure?: 'rate-vs-average' | 'share';
  /** harm only: source id → category → weight */
  harmWeights?: Record<string, Record<string, number>>;
  note?: string;
}

export interface Ranking {
  method: 'weighted-sum' | 'product';
  scale: 3 | 5;
  recommend: number;
  criteria: Criterion[];
  groups?: { harm: string[]; likelihood: string[] };
  overrides: RankingConfig['overrides'];
}

/** Default band thresholds by scale, and how far the sensitivity check moves them. */
const DEFAULTS: Record<Exclude<CriterionKind, 'harm'>, { 3: number[]; 5: number[]; step: number }> = {
  volume: { 3: [90, 110], 5: [70, 90, 110, 130], step: 10 }, // % of the force average
  trend: { 3: [-5, 5], 5: [-15, -5, 5, 15], step: 5 }, // % change, when significant
  perception: { 3: [20, 40], 5: [10, 20, 30, 40], step: 5 }, // % of respondents
  judged: { 3: [2.5, 3.5], 5: [1.5, 2.5, 3.5, 4.5], step: 0.5 }, // mean practitioner score 1–5
};

/**
 * The ranking with every default filled in, or the problems that stop it: caught before any
 * data is read (thresholds, weights, groups, overrides, criteria with no data behind them).
 */
export function resolveRanking(config: Config): { ranking: Ranking; problems: Problem[] } {
  const r = config.ranking;
  const scale = r?.scale ?? 3;
  const problems: Problem[] = [];
  const criteria: Criterion[] = [];
  const judgedColumns = judgedCriteria(config);
  const spec = r?.criteria ?? defaultCriteria(config, judgedColumns);
  for (const [id, c] of Object.entries(spec)) {
    if (!c || c.enabled === false) continue;
    const kind: CriterionKind = id === 'volume' || id === 'trend' || id === 'harm' || id === 'perception' ? id : 'judged';
    const key = `ranking.criteria.${id}.thresholds`;
    const defaults = kind === 'harm' ? undefined : DEFAULTS[kind];
    const thresholds = c.thresholds ?? defaults?.[scale];
    if (!thresholds) {
      problems.push({ message: `${id} has no default thresholds: give scale − 1 (${scale - 1}) of them`, where: { key } });
      continue;
    }
    if (thresholds.length !== scale - 1) {
      problems.push({
        message: `${id} needs ${scale - 1} thresholds for bands 1–${scale}, not ${thresholds.length}`,
        where: { key },
        hint: `e.g. thresholds: [${(defaults?.[scale] ?? thresholds).join(', ')}]`,
      });
    } else if (thresholds.some((t, i) => i > 0 && t <= thresholds[i - 1]!)) {
      problems.push({
        message: `${id} thresholds must increase strictly (got ${thresholds.join(', ')}): bands would overlap`,
        where: { key },
        hint: 'list them lowest first, each higher than the one before',
      });
    }
    const criterion: Criterion = {
      id,
      kind,
      weight: c.weight ?? 1,
      thresholds,
      step: c.step ?? defaults?.step ?? Math.max(1e-9, (thresholds.at(-1)! - thresholds[0]! || Math.abs(thresholds[0]!) || 1) / 10),
    };
    if ('measure' in c) criterion.measure = c.measure;
    if ('weights' in c) {
      criterion.harmWeights = c.weights;
      criterion.note = c.note;
    }
    criteria.push(criterion);
  }
  problems.push(...dataBehindCriteria(config, criteria, judgedColumns));
  const ranking: Ranking = {
    method: r?.method ?? 'weighted-sum',
    scale,
    recommend: r?.recommend ?? 3,
    criteria,
    groups: r?.groups,
    overrides: r?.overrides ?? [],
  };
  problems.push(...checkGroupsAndOverrides(config, ranking));
  if (criteria.length === 0 && problems.length === 0) {
    problems.push({
      message: 'no ranking criterion is switched on',
      where: { key: 'ranking.criteria' },
      hint: 'enable at least one of volume, trend, harm, perception or a judged criterion',
    });
  }
  return { ranking, problems };
}

/** Criteria scored in the judgements source (its `scores` columns), e.g. influence, vulnerability. */
function judgedCriteria(config: Config): string[] {
  return Object.values(config.sources).flatMap((s) => (s.kind === 'judgements' ? Object.keys(s.columns.scores) : []));
}

function defaultCriteria(config: Config, judged: string[]): NonNullable<RankingConfig['criteria']> {
  const hasSurvey = Object.values(config.sources).some((s) => s.kind === 'survey');
  return {
    volume: { enabled: true, weight: 1, measure: 'rate-vs-average' },
    trend: { enabled: true, weight: 1 },
    ...(hasSurvey ? { perception: { enabled: true, weight: 1 } } : {}),
    ...Object.fromEntries(judged.map((j) => [j, { enabled: true, weight: 1, judged: true as const }])),
  } as NonNullable<RankingConfig['criteria']>;
}

function dataBehindCriteria(config: Config, criteria: Criterion[], judged: string[]): Problem[] {
  const problems: Problem[] = [];
  config.themes.forEach((theme, i) => {
    const headline = Object.keys(theme.categories)[0];
    const src = headline ? config.sources[headline] : undefined;
    // Police data covers the force; a partner's return has a force average only where it places rows by district.
    const forceWide =
      src?.kind === 'police-uk-street' ||
      ((src?.kind === 'records' || src?.kind === 'counts') && (src.columns.district !== undefined || src.areaLevel !== 'ward'));
    for (const c of criteria) {
      const key = `themes.${i}`;
      if (c.kind === 'volume' && c.measure === 'rate-vs-average' && !forceWide) {
        problems.push({
          message: `theme "${theme.id}" has no force average for volume: its first source (${headline}) is neither police data nor a return by district`,
          where: { key: `${key}.categories` },
          hint: 'list its police categories first, give the source a district column (columns.district), or set ranking.criteria.volume.measure: share',
        });
      }
      if (c.kind === 'perception' && theme.survey.length === 0) {
        problems.push({
          message: `theme "${theme.id}" has no survey options, so no perception score`,
          where: { key: `${key}.survey` },
          hint: 'list the survey answers that name this theme, or switch perception off',
        });
      }
      if (c.kind === 'harm' && !Object.entries(theme.categories).some(([src, cats]) => cats.some((cat) => c.harmWeights?.[src]?.[cat] !== undefined))) {
        problems.push({
          message: `theme "${theme.id}" has no harm weight for any of its categories`,
          where: { key: 'ranking.criteria.harm.weights' },
          hint: `add weights for ${Object.entries(theme.categories)
            .map(([s, cats]) => `${s}: ${cats.join(', ')}`)
            .join('; ')}`,
        });
      }
    }
  });
  for (const c of criteria.filter((x) => x.kind === 'judged' && !judged.includes(x.id))) {
    problems.push({
      message: `judged criterion "${c.id}" is not a column of the judgements source`,
      where: { key: `ranking.criteria.${c.id}` },
      hint: judged.length ? `scored criteria are: ${judged.join(', ')}` : 'add a judgements source with this criterion under columns.scores',
    });
  }
  return problems;
}

function checkGroupsAndOverrides(config: Config, ranking: Ranking): Problem[] {
  const problems: Problem[] = [];
  const ids = ranking.criteria.map((c) => c.id);
  if (ranking.method === 'product') {
    if (!ranking.groups) {
      problems.push({
        message: 'method product needs groups: which criteria are harm and which likelihood',
        where: { key: 'ranking.groups' },
        hint: 'e.g. groups: {harm: [harm, vulnerability], likelihood: [volume, trend, perception, influence]}',
      });
    } else {
      const grouped = [...ranking.groups.harm, ...ranking.groups.likelihood];
      for (const g of grouped.filter((x) => !ids.includes(x)))
        problems.push({ message: `group names "${g}", which is not a criterion switched on`, where: { key: 'ranking.groups' } });
      for (const c of ids.filter((x) => !grouped.includes(x)))
        problems.push({ message: `criterion "${c}" is in neither group, so the product would ignore it`, where: { key: 'ranking.groups' } });
      for (const c of ranking.groups.harm.filter((x) => ranking.groups!.likelihood.includes(x)))
        problems.push({ message: `criterion "${c}" is in both groups`, where: { key: 'ranking.groups' } });
    }
  }
  const themeIds = config.themes.map((t) => t.id);
  ranking.overrides.forEach((o, i) => {
    if (!themeIds.includes(o.theme))
      problems.push({
        message: `override names theme "${o.theme}", which is not in themes`,
        where: { key: `ranking.overrides.${i}.theme` },
        hint: `themes are: ${themeIds.join(', ')}`,
      });
  });
  return problems;
}
