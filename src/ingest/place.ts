import type { Config } from '../config/load.js';
import type { SourceConfig } from '../config/sources.js';
import { Database, sqlIn, sqlString } from './database.js';
import { DISTRICT_FROM_LSOA_NAME } from './kinds/police.js';

/**
 * Places each row of the partners' records and counts in its district, as police rows are
 * placed by their LSOA name, so that a county-wide return (a fire service's deliberate fires
 * for every district) gives the partnership only its own rows, and the other districts become
 * comparators. Runs once every source is read: an LSOA code's district is learnt from the
 * police rows, which name it ("Thanet 012B").
 *
 * A row's district, in order:
 * 1. its district column (`columns.district`), or its area when `areaLevel: district`: the
 *    name or an alias of a district of geography.districts (any case); another name is kept
 *    as it is, outside the force;
 * 2. `areaLevel: lsoa`: the district of the LSOA name ("Thanet 012B"), else of the LSOA code in
 *    the police data;
 * 3. `areaLevel: ward` with `geography.wards`: the partnership area for its wards, none for others;
 * 4. otherwise the partnership area: a partner's own export covers the partnership.
 * A source none of whose rows is placed in another district is the partnership's own: its
 * rows that could not be placed are the area's too (an LSOA the police data does not name).
 * Rows of a county-wide source that cannot be placed count in no district, and are reported.
 */
export async function placePartnerRows(db: Database, config: Config): Promise<void> {
  const police = Object.entries(config.sources)
    .filter(([, s]) => s.kind === 'police-uk-street')
    .map(([id]) => sqlString(id));
  let lsoaLookup = false;
  for (const [id, source] of Object.entries(config.sources)) {
    if (source.kind !== 'records' && source.kind !== 'counts') continue;
    const table = source.kind === 'records' ? 'incidents' : 'counts';
    const areaColumn = source.kind === 'records' ? 'area_name' : 'area';
    if (source.areaLevel === 'lsoa' && !lsoaLookup && police.length > 0) {
      // Each LSOA code's district in the police data (the most common, should a code be named two ways).
      await db.run(`CREATE OR REPLACE TEMP TABLE lsoa_districts AS
        SELECT area_code AS code, mode(district) AS district FROM incidents
        WHERE source IN (${police.join(', ')}) AND in_force AND area_code IS NOT NULL GROUP BY area_code`);
      lsoaLookup = true;
    }
    const src = sqlString(id);
    await db.run(`UPDATE ${table} SET district = ${placementSql(config, source, areaColumn)} WHERE source = ${src}`);
    if (source.areaLevel === 'lsoa' && lsoaLookup && !hasDistrictColumn(source)) {
      await db.run(`UPDATE ${table} SET district = l.district FROM lsoa_districts l
        WHERE ${table}.source = ${src} AND ${table}.district IS NULL AND upper(trim(${table}.${areaColumn})) = l.code`);
    }
    // The partnership's own export: nothing in another district, so what could not be placed is
    // the area's. Not so for a ward list, which says which wards are the area's.
    const area = sqlString(config.partnership.area);
    if (!(source.areaLevel === 'ward' && config.geography.wards)) {
      await db.run(`UPDATE ${table} SET district = ${area}
        WHERE source = ${src} AND district IS NULL
          AND NOT EXISTS (SELECT 1 FROM ${table} WHERE source = ${src} AND district IS NOT NULL AND district <> ${area})`);
    }
    const names = config.geography.districts.map((d) => sqlString(d.name));
    await db.run(`UPDATE ${table} SET in_force = CASE WHEN district IS NULL THEN NULL ELSE ${sqlIn('district', names)} END WHERE source = ${src}`);
  }
  if (lsoaLookup) await db.run('DROP TABLE lsoa_districts');
}

/** SQL: the district of a row of this source, or NULL where it cannot be placed. */
function placementSql(config: Config, source: PartnerSource, areaColumn: string): string {
  if (hasDistrictColumn(source)) return `coalesce(${canonicalDistrict(config, 'district')}, district)`;
  if (source.areaLevel === 'lsoa') {
    const nameSql = source.kind === 'counts' && source.columns.areaName ? `coalesce(area_name, ${areaColumn})` : areaColumn;
    const byName = `CASE WHEN regexp_matches(${nameSql}, '${DISTRICT_FROM_LSOA_NAME}') THEN ${canonicalDistrict(config, `regexp_replace(${nameSql}, '${DISTRICT_FROM_LSOA_NAME}', '')`)} END`;
    return byName; // else by its code, looked up afterwards
  }
  if (source.areaLevel === 'ward' && config.geography.wards) {
    const wards = config.geography.wards.map((w) => sqlString(w.trim().toLowerCase()));
    // `wards: []` lists none: every ward is outside the area (and `IN ()` would not parse).
    return `CASE WHEN ${sqlIn(`lower(trim(${areaColumn}))`, wards)} THEN ${sqlString(config.partnership.area)} END`;
  }
  return sqlString(config.partnership.area);
}

/** SQL: the district of geography.districts a name or alias stands for, in any case; NULL for another. */
export function canonicalDistrict(config: Config, x: string): string {
  const cases = config.geography.districts.flatMap((d) => [d.name, ...d.aliases].map((n) => `WHEN ${sqlString(n.toLowerCase())} THEN ${sqlString(d.name)}`));
  return `CASE lower(trim(${x})) ${cases.join(' ')} END`;
}

type PartnerSource = Extract<SourceConfig, { kind: 'records' | 'counts' }>;

/** Whether a source's rows name their district: a district column, or areas that are districts. */
const hasDistrictColumn = (source: PartnerSource) => source.columns.district !== undefined || source.areaLevel === 'district';
