import type { Config } from './load.js';

/** The police category that is not a crime: ASB is never part of "all crime". */
export const ASB_CATEGORY = 'Anti-social behaviour';

/**
 * Where the all-crime figure comes from: `allCrime.source` when csp.yaml names one (a force's
 * own crime export, as records or counts), else the first police-uk-street source, every
 * category but ASB. Undefined when there is neither: config loading refuses that, so
 * validate and assess give one answer.
 */
export function allCrimeSource(config: Pick<Config, 'allCrime' | 'sources'>): { source: string; exclude: string[] } | undefined {
  if (config.allCrime) {
    const kind = config.sources[config.allCrime.source]?.kind;
    return { source: config.allCrime.source, exclude: config.allCrime.exclude ?? (kind === 'police-uk-street' ? [ASB_CATEGORY] : []) };
  }
  const police = Object.entries(config.sources).find(([, s]) => s.kind === 'police-uk-street');
  return police ? { source: police[0], exclude: [ASB_CATEGORY] } : undefined;
}
