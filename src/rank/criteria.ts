import type { ThemeResult } from '../analyse/assessment-schema.js';
import { round1, round2 } from '../analyse/change.js';
import { pValueLabel } from '../analyse/significance.js';
import type { Criterion } from './resolve.js';
import { count as n, counted, orList, rate as f1, rate2 as f2 } from '../core/words.js';

/** A criterion's raw value for a theme, the one-line reason, and the data behind it. */
export interface Raw {
  raw: number;
  reason: string;
  data: Record<string, unknown>;
}

export interface RankContext {
  force: string;
  areaPopulation: number | null;
  allCrimeCurrent: number;
  surveyResponses: number | null;
}

/** The raw value, or a sentence saying why the theme has no data for this criterion. */
export function rawValue(c: Criterion, t: ThemeResult, ctx: RankContext): Raw | string {
  switch (c.kind) {
    case 'volume': {
      if (c.measure === 'share') {
        if (ctx.allCrimeCurrent <= 0) return 'there is no crime in the current window to take a share of';
        const raw = round1((100 * t.current) / ctx.allCrimeCurrent);
        return {
          raw,
          reason: `${n(t.current)} is ${f1(raw)}% of all crime (${n(ctx.allCrimeCurrent)})`,
          data: { current: t.current, allCrime: ctx.allCrimeCurrent },
        };
      }
      if (t.ratePer1000 === null || !t.forceAverageRatePer1000) return 'no rate against the force average (a district population is missing)';
      // The rates as stored (two decimals), printed as they are divided: 5.50 / 3.14 is the 175.2%
      // printed and banded. The documents' one-decimal rates (5.5, 3.1) would give 177%.
      const [rate, average] = [round2(t.ratePer1000), round2(t.forceAverageRatePer1000)];
      const raw = round1((100 * rate) / average);
      return {
        raw,
        reason: `${f2(rate)} per 1,000 against the ${ctx.force} average of ${f2(average)}: ${f1(raw)}% of average`,
        data: { ratePer1000: t.ratePer1000, forceAverageRatePer1000: t.forceAverageRatePer1000 },
      };
    }
    case 'trend': {
      // Where a window has a partly published or missing month, the change on comparable months.
      const c = t.comparable;
      // Nothing comparable is no data for the trend, never "no change".
      if (c && c.pValue === null) return c.note;
      const f = c ? { ...c, pValue: c.pValue! } : t;
      // Which months are compared is in `data` and said once where the reasons are printed.
      const gap = c ? ` on comparable months${c.fewMonths ? ` (only ${c.months} of ${c.months + c.excludedMonths.length / 2}, a weak comparison)` : ''}` : '';
      const data = {
        current: f.current,
        previous: f.previous,
        changePct: f.changePct,
        pValue: f.pValue,
        significance: f.significance,
        ...(c ? { comparable: true, excludedMonths: c.excludedMonths } : {}),
      };
      if (f.changePct === null) return { raw: 0, reason: `${n(f.previous)} → ${n(f.current)}${gap}: too few to give a percentage, counted as no change`, data };
      if (f.significance === 'no significant change') {
        return { raw: 0, reason: `${f.changePctLabel}${gap} is not significant (${pValueLabel(f.pValue)}): counted as no change`, data };
      }
      return { raw: f.changePct, reason: `${f.significance} of ${f.changePctLabel}${gap} (${pValueLabel(f.pValue)})`, data };
    }
    case 'harm': {
      const parts = t.measures.flatMap((m) =>
        m.categoryCounts
          .filter((cc) => c.harmWeights?.[m.source]?.[cc.category] !== undefined)
          .map((cc) => ({ source: m.source, category: cc.category, count: cc.current, weight: c.harmWeights![m.source]![cc.category]! })),
      );
      if (parts.length === 0) return 'no harm weight for any of its categories';
      if (!ctx.areaPopulation) return 'no population for the area, so no harm rate';
      // The weighted count as printed (one decimal at most) over the residents printed gives the rate printed and banded.
      const weighted = round1(parts.reduce((s, p) => s + p.count * p.weight, 0));
      const raw = round2((weighted / ctx.areaPopulation) * 1000);
      return {
        raw,
        reason: `harm-weighted count ${n(weighted)} (count × weight) over ${n(ctx.areaPopulation)} residents: ${f2(raw)} per 1,000`,
        data: { parts, population: ctx.areaPopulation },
      };
    }
    case 'perception': {
      if (t.perceptionPct === null) return 'no survey responses name it';
      const options = t.perceptionOptions ?? []; // (older assessment.json files have none)
      return {
        raw: t.perceptionPct,
        // A share of several options is not any one option's share in the survey table: say which.
        reason: `${f1(t.perceptionPct)}% of ${counted(ctx.surveyResponses ?? 0, 'survey respondent')} named ${options.length > 1 ? `at least one of ${orList(options)}` : `"${options[0] ?? t.name}"`} a problem`,
        data: { perceptionPct: t.perceptionPct, responses: ctx.surveyResponses },
      };
    }
    case 'judged': {
      const j = t.judgements[c.id];
      if (!j) return `no practitioner scored it for ${c.id}`;
      return {
        raw: j.mean,
        reason: `mean ${c.id} score ${j.mean.toFixed(2)} from ${counted(j.practitioners, 'practitioner')}`,
        data: j,
      };
    }
  }
}
