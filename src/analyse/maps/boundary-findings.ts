import { count } from '../../core/words.js';
import type { Finding } from '../assessment-schema.js';
import type { LsoaCodeMatch } from './lsoa-codes.js';

const examples = (xs: readonly { code: string; name: string | null; rows: number }[], k = 4) =>
  xs
    .slice(0, k)
    .map((x) => `${x.name ? `${x.name} (${x.code})` : x.code}: ${count(x.rows)} rows`)
    .join('; ') + (xs.length > k ? `; and ${xs.length - k} more` : '');

/**
 * What a run without boundary files is missing, said once, so that a reader of the assessment
 * knows the maps are not all there could be (and a partnership knows what to add).
 */
export function noBoundariesFinding(area: string, o: { densityMap: boolean }): Finding {
  const only = o.densityMap ? "the assessment's only map is the density map drawn from the police data's own points" : 'the assessment has no maps';
  return {
    id: 'maps-no-boundaries',
    severity: 'info',
    source: null,
    message: `no boundary files are given (geography.boundaries in csp.yaml): ${only}`,
    effect: `with the ONS boundaries of ${area}'s LSOAs and wards (GeoJSON from the ONS Open Geography portal), ${o.densityMap ? 'the density map would show the LSOAs under it, and ' : ''}the assessment would map the rate per 1,000 residents by LSOA for all crime and each recommended theme, the partners' figures by ward, and hotspots over time, and the hotspot tables would name each LSOA's ward`,
    affects: [],
  };
}

/**
 * The findings of matching the police data's LSOA codes (the partnership area's rows) against
 * the LSOA boundary files: a file that holds none of them (another district, or the wrong
 * year), codes no file holds, and codes that only another year's file holds and cannot be shown.
 */
export function lsoaCodeFindings(match: LsoaCodeMatch, o: { source: string; area: string }): Finding[] {
  const out: Finding[] = [];
  const base = { source: o.source, affects: [] as string[] };
  match.layers.forEach((l, i) => {
    if (l.codes > 0) return;
    out.push({
      ...base,
      id: `maps-boundaries-no-match-${i}`,
      severity: 'warning',
      message: `none of the ${count(l.areas)} LSOAs of the boundary file ${l.file} (${l.key}) is named in the police data for ${o.area}`,
      effect:
        match.drawWith === null
          ? `no map by LSOA can be drawn (the density map is drawn from the police coordinates): check that the file is of ${o.area}, or of all England and Wales, and of the LSOAs the police files name (2011 or 2021 LSOAs: geography.boundaries.lsoa may list both)`
          : `the file is not used: the maps by LSOA are drawn with ${match.layers[match.drawWith]!.file}`,
    });
  });
  const unmatchedRows = match.unmatched.reduce((s, x) => s + x.rows, 0);
  if (match.drawWith !== null && match.unmatched.length > 0) {
    out.push({
      ...base,
      id: 'maps-lsoas-unmatched',
      severity: 'warning',
      message: `${count(match.unmatched.length)} LSOA code(s) in the police data for ${o.area} (${count(unmatchedRows)} rows) are in none of the LSOA boundary files: ${examples(match.unmatched)}`,
      effect: `those rows count in every figure and table but are on no LSOA map; add a boundary file that has them (the police files may name 2011 LSOAs, or LSOAs of a neighbouring district)`,
    });
  }
  if (match.notShown.length > 0) {
    const rows = match.notShown.reduce((s, x) => s + x.rows, 0);
    out.push({
      ...base,
      id: 'maps-lsoas-split',
      severity: 'info',
      message: `${count(match.notShown.length)} LSOA code(s) in the police data (${count(rows)} rows) are of ${match.notShown[0]!.file} only, and were split between the LSOAs of the map: ${examples(match.notShown)}`,
      effect: 'those rows count in every figure and table but are on no LSOA map, which cannot say which part of the split LSOA they fell in',
    });
  }
  return out;
}
