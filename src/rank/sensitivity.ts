import type { CriterionKind, Ranking } from './resolve.js';
import { recommendedIds, scoreThemes, type ThemeRaws } from './score.js';
import { signed } from '../core/words.js';

export interface Scenario {
  /** e.g. "weight of trend −50%", "volume threshold 2 (110%) +10 points". */
  change: string;
  criterion: string;
  recommended: string[];
  changed: boolean;
  entered: string[];
  left: string[];
}

export interface Sensitivity {
  /** True when no scenario changes the recommended set. */
  robust: boolean;
  baseline: string[];
  scenarios: Scenario[];
  /** Themes that enter or leave the recommended set in some scenario, and which. */
  borderline: { theme: string; scenarios: string[] }[];
}

/** A threshold's unit, and its step's: "volume threshold 1 (90%) +10 points". The documents' bands use it too. */
export const THRESHOLD_UNITS: Record<CriterionKind, { at: string; step: string }> = {
  volume: { at: '%', step: ' points' },
  trend: { at: '%', step: ' points' },
  perception: { at: '%', step: ' points' },
  harm: { at: ' per 1,000', step: ' per 1,000' },
  judged: { at: '', step: '' },
};

/**
 * Is the choice robust? Moves each weight by ±50% and each band threshold by one step
 * (keeping thresholds in order), and reports whether the recommended set changes.
 */
export function sensitivity(themes: readonly ThemeRaws[], ranking: Ranking): Sensitivity {
  const baseline = recommendedIds(scoreThemes(themes, ranking));
  const scenarios: Scenario[] = [];
  const run = (change: string, criterion: string, variant: Ranking) => {
    const recommended = recommendedIds(scoreThemes(themes, variant));
    const entered = recommended.filter((t) => !baseline.includes(t));
    const left = baseline.filter((t) => !recommended.includes(t));
    scenarios.push({ change, criterion, recommended, changed: entered.length + left.length > 0, entered, left });
  };
  ranking.criteria.forEach((c, ci) => {
    for (const factor of [0.5, 1.5]) {
      run(`weight of ${c.id} ${factor < 1 ? '−' : '+'}50%`, c.id, withCriterion(ranking, ci, { ...c, weight: c.weight * factor }));
    }
    c.thresholds.forEach((t, ti) => {
      for (const delta of [-c.step, c.step]) {
        const moved = [...c.thresholds];
        moved[ti] = t + delta;
        if (moved.some((x, i) => i > 0 && x <= moved[i - 1]!)) continue;
        run(
          `${c.id} threshold ${ti + 1} (${signed(t)}${THRESHOLD_UNITS[c.kind].at}) ${delta < 0 ? '−' : '+'}${Math.abs(delta)}${THRESHOLD_UNITS[c.kind].step}`,
          c.id,
          withCriterion(ranking, ci, { ...c, thresholds: moved }),
        );
      }
    });
  });
  const borderline = new Map<string, string[]>();
  for (const s of scenarios) for (const t of [...s.entered, ...s.left]) borderline.set(t, [...(borderline.get(t) ?? []), s.change]);
  return {
    robust: scenarios.every((s) => !s.changed),
    baseline,
    scenarios,
    borderline: [...borderline.entries()].map(([theme, list]) => ({ theme, scenarios: list })),
  };
}

function withCriterion(r: Ranking, index: number, c: Ranking['criteria'][number]): Ranking {
  return { ...r, criteria: r.criteria.map((x, i) => (i === index ? c : x)) };
}
