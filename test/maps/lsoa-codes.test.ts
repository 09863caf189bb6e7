import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lsoaCodeFindings, matchLsoaCodes, noBoundariesFinding, type PoliceLsoa } from '../../src/analyse/maps/index.js';
import { parseBoundaries } from '../../src/ingest/boundaries/index.js';
import { FILES, FIXTURES, layer, monthsOf, samplePolice } from './helpers.js';

const l21 = () => layer(FILES.thanetLsoa21, 'lsoa');
const l11 = () => layer(FILES.thanetLsoa11, 'lsoa');
let cached: PoliceLsoa[] | undefined;
const sample = (): PoliceLsoa[] => (cached ??= [...samplePolice(monthsOf(2025)).lsoas].map(([code, a]) => ({ code, name: a.name, rows: a.rows })));

describe('police LSOA codes matched against the 2011 and 2021 boundaries', () => {
  it("the sample's police files: all 86 codes are Thanet's 2021 LSOAs, so the maps use the 2021 file, and nothing is unmatched", () => {
    const police = sample();
    expect(police).toHaveLength(86);
    const m = matchLsoaCodes(police, [l11(), l21()]);
    expect(m.drawWith).toBe(1);
    expect(m.layers.map((l) => [l.year, l.areas, l.codes])).toEqual([
      [2011, 84, 82],
      [2021, 86, 86],
    ]);
    expect(m.layers[1]!.rows).toBe(police.reduce((s, p) => s + p.rows, 0));
    expect(m.shownIn.size).toBe(86);
    expect([...m.shownIn].every(([a, b]) => a === b)).toBe(true);
    expect([m.unmatched, m.notShown]).toEqual([[], []]);
    expect(lsoaCodeFindings(m, { source: 'police', area: 'Thanet' })).toEqual([]);
  });

  it('rows of a mixed window: a 2011 code split in 2021 is not shown (with its rows); unknown codes are a finding with their rows', () => {
    const police: PoliceLsoa[] = [
      ...sample(),
      { code: 'E01024678', name: 'Thanet 001E', rows: 40 }, // 2011, split into 001F and 001G in 2021
      { code: 'E01024701', name: 'Thanet 014A', rows: 25 }, // 2011, split into 014E and 014F
      { code: 'E01099999', name: 'Thanet 099Z', rows: 7 },
      { code: 'E01024572', name: 'Swale 008C', rows: 3 },
    ];
    const m = matchLsoaCodes(police, [l21(), l11()]);
    expect(m.drawWith).toBe(0);
    expect(m.notShown.map((x) => [x.name, x.rows, x.file])).toEqual([
      ['Thanet 001E', 40, FILES.thanetLsoa11],
      ['Thanet 014A', 25, FILES.thanetLsoa11],
    ]);
    expect(m.unmatched.map((x) => [x.code, x.rows])).toEqual([
      ['E01099999', 7],
      ['E01024572', 3],
    ]);
    const findings = lsoaCodeFindings(m, { source: 'police', area: 'Thanet' });
    expect(findings.map((f) => [f.id, f.severity, f.message])).toEqual([
      [
        'maps-lsoas-unmatched',
        'warning',
        '2 LSOA code(s) in the police data for Thanet (10 rows) are in none of the LSOA boundary files: Thanet 099Z (E01099999): 7 rows; Swale 008C (E01024572): 3 rows',
      ],
      [
        'maps-lsoas-split',
        'info',
        `2 LSOA code(s) in the police data (65 rows) are of ${FILES.thanetLsoa11} only, and were split between the LSOAs of the map: Thanet 001E (E01024678): 40 rows; Thanet 014A (E01024701): 25 rows`,
      ],
    ]);
  });

  it('drawn with 2011 LSOAs (they hold most rows), a 2021 LSOA that lies within one of them (001F and 001G within 001E) is shown in it', () => {
    const police: PoliceLsoa[] = [
      { code: 'E01024633', name: 'Thanet 006A', rows: 100 },
      { code: 'E01024657', name: 'Thanet 001A', rows: 90 },
      { code: 'E01024678', name: 'Thanet 001E', rows: 50 },
      { code: 'E01035316', name: 'Thanet 001F', rows: 12 },
      { code: 'E01035317', name: 'Thanet 001G', rows: 8 },
    ];
    const m = matchLsoaCodes(police, [l11(), l21()]);
    expect(m.layers.map((l) => l.rows)).toEqual([240, 210]);
    expect(m.drawWith).toBe(0);
    expect(m.shownIn.get('E01035316')).toBe('E01024678');
    expect(m.shownIn.get('E01035317')).toBe('E01024678');
    expect(m.notShown).toEqual([]);
  });

  it('a boundary file of another district holds none of the codes: a finding that names it, not an empty map', () => {
    const swale = layer(FILES.swaleLsoa21, 'lsoa');
    const m = matchLsoaCodes(sample(), [swale]);
    expect(m.drawWith).toBeNull();
    expect(m.unmatched).toHaveLength(86);
    const findings = lsoaCodeFindings(m, { source: 'police', area: 'Thanet' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      id: 'maps-boundaries-no-match-0',
      severity: 'warning',
      message: `none of the 90 LSOAs of the boundary file ${FILES.swaleLsoa21} (geography.boundaries.lsoa) is named in the police data for Thanet`,
    });
    expect(findings[0]!.effect).toMatch(
      /^no map by LSOA can be drawn \(the density map is drawn from the police coordinates\): check that the file is of Thanet/,
    );
  });

  it('read for the police codes only (keep), a file of another district keeps none, and the finding still counts its LSOAs', () => {
    const codes = new Set(sample().map((p) => p.code));
    const kept = parseBoundaries(JSON.parse(readFileSync(path.join(FIXTURES, FILES.swaleLsoa21), 'utf8')), {
      level: 'lsoa',
      where: { file: FILES.swaleLsoa21, key: 'geography.boundaries.lsoa' },
      keep: (a) => codes.has(a.code),
    });
    expect([kept.areas.length, kept.skipped.notKept]).toEqual([0, 90]);
    const [f] = lsoaCodeFindings(matchLsoaCodes(sample(), [kept]), { source: 'police', area: 'Thanet' });
    expect(f!.message).toBe(
      `none of the 90 LSOAs of the boundary file ${FILES.swaleLsoa21} (geography.boundaries.lsoa) is named in the police data for Thanet`,
    );
  });

  it('a file holding none of the codes beside one that does: said, and not used', () => {
    const m = matchLsoaCodes(sample(), [layer(FILES.swaleLsoa21, 'lsoa'), l21()]);
    expect(m.drawWith).toBe(1);
    const [f] = lsoaCodeFindings(m, { source: 'police', area: 'Thanet' });
    expect(f!.effect).toBe(`the file is not used: the maps by LSOA are drawn with ${FILES.thanetLsoa21}`);
  });

  it('without boundaries: a finding that says what a boundaries file would add', () => {
    const f = noBoundariesFinding('Thanet', { densityMap: false });
    expect(f.message).toBe('no boundary files are given (geography.boundaries in csp.yaml): the assessment has no maps');
    expect(f.effect).toContain("the rate per 1,000 residents by LSOA for all crime and each recommended theme, the partners' figures by ward");
    const withPoints = noBoundariesFinding('Thanet', { densityMap: true });
    expect(withPoints.message).toBe(
      "no boundary files are given (geography.boundaries in csp.yaml): the assessment's only map is the density map drawn from the police data's own points",
    );
    expect(withPoints.effect).toContain('the density map would show the LSOAs under it, and the assessment would map the rate per 1,000');
  });
});
