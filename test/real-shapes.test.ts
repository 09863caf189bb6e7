import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, readAssessment, ROOT, workspace, type ValidationJson } from './helpers.js';

/**
 * Real files of shapes the project did not make (issue 20 item 8), from test/fixtures/realdata
 * (see its PROVENANCE.md). Expected counts were made apart with Python's csv module.
 */
const REAL = path.join(ROOT, 'test', 'fixtures', 'realdata');
const FIRE = readFileSync(path.join(REAL, 'avon-fire-incidents-2014-07', 'afrs_attended_incidents_july_2014.csv'));
const AVON = readFileSync(path.join(REAL, 'avon-somerset-street-2016-11', '2016-11-avon-and-somerset-street.csv'), 'utf8');
const GM = readFileSync(path.join(REAL, 'greater-manchester-street-2016-12-blank-rows', '2016-12-greater-manchester-street.csv'));

const AVON_DISTRICTS = `[{name: Bristol}, {name: South Gloucestershire, aliases: [S GLOS]}, {name: North Somerset, aliases: [N SOM]},
    {name: Bath and North East Somerset, aliases: [BANES]}, {name: Taunton Deane}, {name: South Somerset}, {name: Sedgemoor}, {name: Mendip}, {name: West Somerset}]`;

/** A month of a street file as the month before: Month relabelled and Crime IDs changed, so none repeats. */
const asMonth = (csv: string, from: string, to: string) =>
  csv
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^([^,]*),${from},`), (_, id: string) => `${id ? `p${id}` : ''},${to},`)))
    .join('\n');

describe('real shapes', () => {
  it("a fire service's incident export: the date over Day, Month (a name) and Year, districts by abbreviation, wards in capitals, Windows-1252", async () => {
    // June is July's file again with its Month relabelled, the 31st as the 30th (the bytes stay Windows-1252).
    const june = Buffer.from(
      FIRE.toString('latin1').replaceAll(/\n(\d+),July,2014,/g, (_, d: string) => `\n${d === '31' ? 30 : d},June,2014,`),
      'latin1',
    );
    const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    const police = (m: string) =>
      `${HEADER}\n${['Bristol 001A', 'North Somerset 001A'].map((l, i) => `${m}-${i},${m},Avon and Somerset Constabulary,Avon and Somerset Constabulary,-2.6,51.4,On or near A Road,E0100000${i},${l},Burglary,,`).join('\n')}\n`;
    const dir = workspace({
      'csp.yaml': `partnership: {name: Bristol CSP, area: Bristol, force: Avon and Somerset Police}
period: {end: 2014-07, months: 1}
geography:
  districts: ${AVON_DISTRICTS}
sources:
  police: {kind: police-uk-street, files: "police/*.csv"}
  fire:
    kind: records
    files: fire/*.csv
    columns:
      date: {day: Day, month: Month, year: Year}
      category: Cause of Fire
      area: Ward
      district: Unitary Authority
themes:
  - id: fires
    name: Deliberate fires
    categories: {fire: [Deliberate – others property, Deliberate – unknown owner, Deliberate – own property]}
ranking: {recommend: 1, criteria: {volume: {measure: share, thresholds: [1, 2]}}}
output: {date: 2026-01-15}
`,
      'police/2014-06-avon-and-somerset-street.csv': police('2014-06'),
      'police/2014-07-avon-and-somerset-street.csv': police('2014-07'),
      'fire/afrs_attended_incidents_june_2014.csv': june,
      'fire/afrs_attended_incidents_july_2014.csv': FIRE,
    });
    const v = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json']);
    expect(v.code).toBe(0);
    const fire = (JSON.parse(v.stdout) as ValidationJson).sources.find((s) => s.id === 'fire')!;
    // 1,084 incidents a month; 740 have no Cause of Fire (not fires: special services, false alarms).
    expect(fire.files.map((f) => [f.rowsRead, f.rowsAccepted, f.rowsRejected])).toEqual([
      [1084, 344, 740],
      [1084, 344, 740],
    ]);
    expect(fire.rejects.map((r) => [r.reason, r.rows])).toEqual([['the category is empty', 1480]]);
    expect(fire.months).toEqual(['2014-06', '2014-07']);
    // The en dash is read from its Windows-1252 byte.
    expect(fire.categories.map((c) => [c.category, c.rows])).toEqual([
      ['Accidental', 268],
      ['Deliberate – others property', 226],
      ['Deliberate – unknown owner', 166],
      ['Deliberate – own property', 24],
      ['Not known', 4],
    ]);
    expect(fire.placement!.area).toEqual({ rows: 2 * 196, incidents: 2 * 196 }); // Bristol's incidents with a cause of fire: 196 a month
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--quiet', '--format', 'html']);
    expect(r.code).toBe(0);
    const a = readAssessment(path.join(dir, 'out'));
    const t = a.themes[0]!;
    // Bristol's deliberate fires in July 2014: 79 + 44 + 5 = 128; the other districts are comparators.
    expect([t.current, t.previous]).toEqual([128, 128]);
    // (No populations here, so no ranks.) The Somerset districts have no fire rows: no data, not none.
    expect(Object.fromEntries(t.districts.map((d) => [d.area, d.current]))).toEqual({
      Bristol: 128,
      'South Gloucestershire': 42,
      'North Somerset': 23,
      'Bath and North East Somerset': 15,
      'Taunton Deane': null,
      'South Somerset': null,
      Sedgemoor: null,
      Mendip: null,
      'West Somerset': null,
    });
    // Wards as the export spells them, in capitals; ties in name order.
    expect(t.measures[0]!.hotspots.byCount.slice(0, 4).map((h) => [h.area, h.count])).toEqual([
      ['FILWOOD', 10],
      ['HENGROVE', 10],
      ['WHITCHURCH PARK', 10],
      ['AVONMOUTH', 8],
    ]);
  });

  it('a street file saved by a spreadsheet: 21,985 blank rows, one reason, each line named', async () => {
    const dir = workspace({
      'csp.yaml': `partnership: {name: Manchester CSP, area: Manchester, force: Greater Manchester Police}
period: {end: 2016-12, months: 1}
geography:
  districts: [{name: Manchester}, {name: Salford}, {name: Bolton}, {name: Bury}, {name: Oldham}, {name: Rochdale}, {name: Stockport}, {name: Tameside}, {name: Trafford}, {name: Wigan}]
sources:
  police: {kind: police-uk-street, files: "*-street.csv"}
`,
      '2016-12-greater-manchester-street.csv': GM,
    });
    const v = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json']);
    const police = (JSON.parse(v.stdout) as ValidationJson).sources[0]!;
    expect([police.rowsRead, police.rowsAccepted, police.rowsRejected]).toEqual([32050, 10065, 21985]);
    expect(police.rejects).toEqual([
      {
        reason: 'blank row: no Month and no Crime type',
        code: 'blank-row',
        column: null,
        rows: 21985,
        // The 10,065 real rows are lines 2 to 10,066.
        examples: [10067, 10068, 10069].map((line) => ({ file: '2016-12-greater-manchester-street.csv', line, value: null })),
      },
    ]);
  });

  describe('a force month with 15% of rows unlocated', () => {
    const files = {
      'police/2016-10-avon-and-somerset-street.csv': asMonth(AVON, '2016-11', '2016-10'),
      'police/2016-11-avon-and-somerset-street.csv': AVON,
      'population.csv':
        'Area,Level,Population\nBristol,district,449300\nSouth Gloucestershire,district,277600\nNorth Somerset,district,211700\nBath and North East Somerset,district,187800\n',
    };
    const config = (extra = '') => `partnership: {name: Bristol CSP, area: Bristol, force: Avon and Somerset Police}
period: {end: 2016-11, months: 1}
geography:
  districts: ${AVON_DISTRICTS}
sources:
  police: {kind: police-uk-street, files: "police/*.csv"}
  population: {kind: population, files: population.csv, columns: {area: Area, level: Level, population: Population}}
${extra}`;

    it('is a warning that says what it does to the district figures', async () => {
      const dir = workspace({ 'csp.yaml': config(), ...files });
      const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--quiet', '--format', 'html']);
      expect(r.code).toBe(0);
      const a = readAssessment(path.join(dir, 'out'));
      // 13,735 rows, 212 repeated Crime IDs kept once: 13,523, of which 1,923 (14.2%) have no LSOA.
      expect([a.allCrime.current, a.allCrime.previous]).toEqual([3741, 3741]);
      const f = a.dataQuality.find((x) => x.id === 'no-location-police')!;
      expect(f.severity).toBe('warning');
      expect(f.message).toBe(
        '3,846 of the 27,046 rows in the months analysed (Dec 2013–Nov 2016) have no location (14.2%), most in October 2016 (1,923 of 13,523, 14.2%)',
      );
      expect(f.effect).toContain("every district figure (Bristol's included) is low by up to 14.2% in a month");
      expect(f.affects).toContain('allCrime');
      // validate says the same, not "slightly lower".
      const v = JSON.parse((await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json'])).stdout) as ValidationJson;
      const w = v.warnings.find((x) => x.message === '3,846 rows (14.2%) have no location (empty LSOA)')!;
      expect(w.hint).toBe("they count in no district, so every district's figures are short by up to 14.2% in a month, against the force total");
    });

    it('past quality.refuseNoLocationAbovePct, validate and assess refuse it', async () => {
      const dir = workspace({ 'csp.yaml': config('quality: {refuseNoLocationAbovePct: 10}'), ...files });
      for (const command of ['validate', 'assess']) {
        const r = await cli([command, '--config', path.join(dir, 'csp.yaml'), '--format', 'html'].slice(0, command === 'validate' ? 3 : 5));
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(
          'October 2016: 1,923 of 13,523 rows (14.2%); November 2016: 1,923 of 13,523 rows (14.2%) have no location, more than the 10% allowed',
        );
        expect(r.stderr).toContain('quality.refuseNoLocationAbovePct');
      }
    });
  });
});
