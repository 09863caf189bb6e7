import type { Assessment, Figure } from '../../analyse/assessment-schema.js';
import { addMonths, monthLabel } from '../../core/calendar/months.js';
import { andList, count, nthHighest, pct, rate } from '../../core/words.js';

/** One key finding of the assessment's summary: a sentence with its figures, and where it is detailed. */
export interface KeyFinding {
  kind: 'change' | 'run' | 'partners-differ' | 'area-against-force' | 'data-quality' | 'ranking';
  text: string;
  /** The section of the document that details it (its id, for a link). */
  section: string;
  sectionTitle: string;
}

/** A run of control-chart exceptions this long, one way, is a finding: a theme out of its usual range, not one odd month. */
export const RUN_MONTHS = 3;
/** Partners' figures "move against" the police's when they change in opposite directions by at least this much each. */
export const AGAINST_PCT = 5;

/**
 * The key findings of the assessment, in the order a reader needs them: the significant changes,
 * runs outside the usual range, partners' data moving against the police's, the area against
 * the force, the data-quality warnings that change a figure, and what the ranking recommends.
 * Every sentence carries its figures, so that a councillor can check it against the section named.
 */
export function keyFindings(a: Assessment): KeyFinding[] {
  return [...significantChanges(a), ...runs(a), ...partnersDiffer(a), ...areaAgainstForce(a), ...qualityWarnings(a), ...rankingFinding(a)];
}

interface Named {
  name: string;
  section: string;
  figure: Figure;
  /** The control chart's exceptions of its headline series. */
  exceptions: Assessment['allCrime']['variability']['exceptions'];
}

/** All crime and each theme, by name, with the section of the document that details it. */
function figures(a: Assessment): Named[] {
  return [
    { name: 'All crime (excluding ASB)', section: 'all-crime', figure: a.allCrime, exceptions: a.allCrime.variability.exceptions },
    ...a.themes.map((t) => ({ name: t.name, section: `theme-${t.id}`, figure: t as Figure, exceptions: t.measures[0]?.variability.exceptions ?? [] })),
  ];
}

/** The change a figure's verdict is on: the comparable months' when a window has a gap month. */
function verdictOf(f: Figure): { current: number; previous: number; changePct: number | null; significance: string; comparable: boolean } {
  const c = f.comparable;
  return c ? { ...c, comparable: true } : { ...f, comparable: false };
}

function significantChanges(a: Assessment): KeyFinding[] {
  return figures(a).flatMap(({ name, section, figure }) => {
    const v = verdictOf(figure);
    if (v.significance !== 'significant increase' && v.significance !== 'significant decrease') return [];
    const up = v.significance === 'significant increase';
    const change = v.changePct === null ? '' : ` ${pct(Math.abs(v.changePct))}`;
    const on = v.comparable ? ' on comparable months' : '';
    return [
      {
        kind: 'change' as const,
        text: `${name} ${up ? 'rose' : 'fell'}${change} (${count(v.current)} against ${count(v.previous)}${on}): a significant ${up ? 'increase' : 'decrease'}.`,
        section,
        sectionTitle: name,
      },
    ];
  });
}

function runs(a: Assessment): KeyFinding[] {
  const out: KeyFinding[] = [];
  for (const { name, section, exceptions } of figures(a)) {
    const inWindow = exceptions.filter((e) => e.month >= a.period.start && e.month <= a.period.end).sort((x, y) => x.month.localeCompare(y.month));
    let run: typeof inWindow = [];
    const flush = () => {
      if (run.length >= RUN_MONTHS) {
        const first = run[0]!;
        const last = run.at(-1)!;
        out.push({
          kind: 'run',
          text: `${name} was ${first.direction} its usual range (${count(Math.round(first.lower))}–${count(Math.round(first.upper))} a month) for ${run.length} months running, ${monthLabel(first.month)} to ${monthLabel(last.month)}.`,
          section,
          sectionTitle: name,
        });
      }
    };
    for (const e of inWindow) {
      const prev = run.at(-1);
      if (prev && (prev.direction !== e.direction || addMonths(prev.month, 1) !== e.month)) {
        flush();
        run = [];
      }
      run.push(e);
    }
    flush();
  }
  return out;
}

/** What a measure counts, in words: police data as "police-recorded incidents", a partner's by its publicName. */
function sourceName(a: Assessment, id: string): string {
  const sources = (a.config.sources ?? {}) as Record<string, { kind?: string; publicName?: string; description?: string }>;
  const s = sources[id];
  if (s?.kind === 'police-uk-street') return 'police-recorded incidents';
  return s?.publicName ?? s?.description ?? id;
}

function partnersDiffer(a: Assessment): KeyFinding[] {
  return a.themes.flatMap((t) => {
    const [head, ...others] = t.measures;
    if (!head) return [];
    const h = verdictOf(head);
    return others.flatMap((m) => {
      const o = verdictOf(m);
      if (h.changePct === null || o.changePct === null) return [];
      if (Math.sign(h.changePct) === Math.sign(o.changePct) || Math.abs(h.changePct) < AGAINST_PCT || Math.abs(o.changePct) < AGAINST_PCT) return [];
      const said = (v: typeof h, what: string) =>
        `${what} ${v.changePct! > 0 ? 'rose' : 'fell'} ${pct(Math.abs(v.changePct!))} (${count(v.current)} against ${count(v.previous)})`;
      return [
        {
          kind: 'partners-differ' as const,
          text: `${t.name}: ${said(h, sourceName(a, head.source))}, while ${said(o, sourceName(a, m.source))}. The two sources tell different stories; both are detailed.`,
          section: `theme-${t.id}`,
          sectionTitle: t.name,
        },
      ];
    });
  });
}

function areaAgainstForce(a: Assessment): KeyFinding[] {
  const f = a.allCrime;
  if (f.ratePer1000 === null || f.forceAverageRatePer1000 === null || f.rank === null || f.rankOf === null) return [];
  const diff = f.differenceFromForcePer1000 ?? 0;
  const position = nthHighest(f.rank);
  const against = diff === 0 ? 'the same as' : `${rate(Math.abs(diff))} ${diff > 0 ? 'above' : 'below'}`;
  return [
    {
      kind: 'area-against-force',
      text: `${a.area.name} recorded ${rate(f.ratePer1000)} crimes per 1,000 residents against the ${a.area.force} average of ${rate(f.forceAverageRatePer1000)}: ${against} the average, ${position} rate of ${f.rankOf} districts.`,
      section: 'comparisons',
      sectionTitle: "Comparison with the force's districts",
    },
  ];
}

function qualityWarnings(a: Assessment): KeyFinding[] {
  return a.dataQuality
    .filter((f) => f.severity !== 'info' && f.affects.length > 0)
    .map((f) => ({
      kind: 'data-quality' as const,
      text: `${capitalise(f.message)}: ${f.effect}.`.replace(/\.\.$/, '.'),
      section: 'data-quality',
      sectionTitle: 'Data quality',
    }));
}

function rankingFinding(a: Assessment): KeyFinding[] {
  const recommended = a.ranking.themes.filter((t) => t.recommended);
  if (recommended.length === 0) return [];
  const named = recommended.map((t) => {
    // Why: the criteria on which the theme takes its highest band (every one, where they tie).
    const top = Math.max(...t.criteria.map((c) => c.band));
    const on = t.criteria.filter((c) => c.band === top).map((c) => c.id);
    const why = on.length > 0 ? `, band ${top} of ${a.ranking.scale} on ${andList(on)}` : '';
    return `${t.name} (score ${t.score}${why}${t.override ? `; included by override: ${t.override.reason.replace(/\.$/, '')}` : ''})`;
  });
  return [
    {
      kind: 'ranking',
      text: `The ranking recommends ${recommended.length === 1 ? 'one priority' : `${recommended.length} priorities`}: ${named.join('; ')}.${a.ranking.sensitivity.robust ? ' The choice holds when each threshold and weight is moved.' : ' The choice changes when some thresholds or weights are moved.'}`,
      section: 'ranking',
      sectionTitle: 'Ranking of the themes',
    },
  ];
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
