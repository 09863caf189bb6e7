// Derives the sample generator's calibration (src/samples/calibration.json) from the real
// data.police.uk Kent files and the ONS mid-2017 LSOA populations. Run once by a developer:
//   node scripts/calibrate.mjs <folder of YYYY-MM-kent-street.csv> <ons population.json>
// The generator itself never reads real data; it reads only the committed calibration.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';

const [policeDir, populationJson] = process.argv.slice(2);
if (!policeDir || !populationJson) {
  console.error('usage: node scripts/calibrate.mjs <police folder> <population.json>');
  process.exit(2);
}
const population = JSON.parse(readFileSync(populationJson, 'utf8'));
const db = await (await DuckDBInstance.create(':memory:')).connect();
const rows = async (sql) => (await db.runAndReadAll(sql)).getRowObjectsJS();
await db.run(`create table p as select * from read_csv('${policeDir}/*-kent-street.csv', all_varchar=true, header=true)`);
const months = Number((await rows(`select count(distinct Month) n from p`))[0].n);
const lsoas = await rows(`select distinct "LSOA code" AS code, "LSOA name" AS name,
    regexp_replace("LSOA name", ' [0-9]{3}[A-Z]$', '') district
  from p where "LSOA code" is not null order by code`);
const volume = await rows(`select regexp_replace("LSOA name", ' [0-9]{3}[A-Z]$', '') district, "Crime type" category, count(*) n
  from p where "LSOA code" is not null group by all order by all`);
const byLsoa = await rows(`select "LSOA code" AS code, count(*) n,
    round(avg(try_cast(Longitude as double)), 4) lon, round(avg(try_cast(Latitude as double)), 4) lat
  from p where "LSOA code" is not null group by all`);
const lsoaRows = Object.fromEntries(byLsoa.map((r) => [r.code, r]));

const districts = {};
for (const l of lsoas) {
  const d = (districts[l.district] ??= { lsoas: [], monthlyByCategory: {}, lsoaPopulationSum: 0 });
  // [code, name, rows in the calibration months, ONS mid-2017 population or null for 2021-only codes, mean longitude, mean latitude]
  const r = lsoaRows[l.code];
  d.lsoas.push([l.code, l.name, Number(r.n), population[l.code]?.population ?? null, r.lon, r.lat]);
  d.lsoaPopulationSum += population[l.code]?.population ?? 0;
}
for (const v of volume) districts[v.district].monthlyByCategory[v.category] = Math.round((Number(v.n) / months) * 10) / 10;
const medway = population['E06000035']?.population ?? null;
writeFileSync(
  'src/samples/calibration.json',
  JSON.stringify({
    note: 'Derived by scripts/calibrate.mjs from data.police.uk Kent street files Jan-Apr 2024 and ONS mid-2017 LSOA populations (OGL v3.0).',
    months,
    onsUnitaryPopulation: { Medway: medway },
    districts,
  }) + '\n',
);
console.log('districts', Object.keys(districts).length);
