import { round2 } from '../analyse/change.js';
import { bandFor } from './bands.js';
import type { Raw } from './criteria.js';
import type { Ranking } from './resolve.js';

export interface ThemeRaws {
  id: string;
  raws: Record<string, Raw>;
}

export interface ScoredCriterion {
  id: string;
  raw: number;
  band: number;
  weight: number;
  contribution: number;
  reason: string;
  data: Record<string, unknown>;
}

export interface ScoredTheme {
  id: string;
  rank: number;
  score: number;
  recommended: boolean;
  criteria: ScoredCriterion[];
  override?: { recommend: boolean; reason: string };
}

/** How ties are broken, as the documents print it. */
export function tieBreak(ranking: Ranking): string {
  return `Equal scores are ordered by their bands, compared criterion by criterion (${ranking.criteria.map((c) => c.id).join(', ')}), then by the order in which the partnership lists its themes.`;
}

/**
 * Bands, scores, ranks and the recommended set. Themes come in csp.yaml order (the last tie-break).
 * weighted-sum: score = Σ weight × band. product: score = (weighted mean band of the harm group)
 * × (weighted mean band of the likelihood group).
 */
export function scoreThemes(themes: readonly ThemeRaws[], ranking: Ranking): ScoredTheme[] {
  const scored = themes.map((t, order) => {
    const criteria = ranking.criteria.map((c) => {
      const r = t.raws[c.id]!;
      const band = bandFor(r.raw, c.thresholds);
      return { id: c.id, raw: r.raw, band, weight: c.weight, contribution: c.weight * band, reason: r.reason, data: r.data };
    });
    let score = criteria.reduce((s, c) => s + c.contribution, 0);
    if (ranking.method === 'product' && ranking.groups) {
      const group = (ids: string[]) => {
        const members = criteria.filter((c) => ids.includes(c.id));
        const weights = members.reduce((s, c) => s + c.weight, 0);
        for (const m of members) m.contribution = round2((m.weight * m.band) / weights);
        return members.reduce((s, c) => s + c.weight * c.band, 0) / weights;
      };
      score = group(ranking.groups.harm) * group(ranking.groups.likelihood);
    }
    return { id: t.id, order, score: round2(score), criteria };
  });
  scored.sort((a, b) => b.score - a.score || compareBands(a.criteria, b.criteria) || a.order - b.order);

  const overrides = new Map(ranking.overrides.map((o) => [o.theme, o]));
  const forcedIn = scored.filter((t) => overrides.get(t.id)?.recommend === true).map((t) => t.id);
  const recommended = new Set(forcedIn);
  for (const t of scored) {
    if (recommended.size >= Math.max(ranking.recommend, forcedIn.length)) break;
    if (overrides.get(t.id)?.recommend !== false) recommended.add(t.id);
  }
  return scored.map((t, i) => {
    const o = overrides.get(t.id);
    return {
      id: t.id,
      rank: i + 1,
      score: t.score,
      recommended: recommended.has(t.id),
      criteria: t.criteria,
      ...(o ? { override: { recommend: o.recommend, reason: o.reason } } : {}),
    };
  });
}

function compareBands(a: ScoredCriterion[], b: ScoredCriterion[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = b[i]!.band - a[i]!.band;
    if (d !== 0) return d;
  }
  return 0;
}

export function recommendedIds(scored: readonly ScoredTheme[]): string[] {
  return scored.filter((t) => t.recommended).map((t) => t.id);
}
