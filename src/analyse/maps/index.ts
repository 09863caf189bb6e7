/** What the maps need from the analysis: places, code matching, hotspots over time, and their findings. */
export { bestFitWards, placeName, type WardFit } from './ward-fit.js';
export { matchLsoaCodes, type LsoaCodeMatch, type PoliceLsoa } from './lsoa-codes.js';
export { DEFAULT_HOTSPOT_RULE, hotspotsOverTime, type HotspotClass, type HotspotRule, type HotspotsOverTime, type HotspotTrend } from './hotspots-over-time.js';
export { lsoaCodeFindings, noBoundariesFinding } from './boundary-findings.js';
export { areaFinder, representativePoint } from './points.js';
export { matchWardNames, wardKey, type PartnerWard, type WardNameMatch } from './ward-names.js';
