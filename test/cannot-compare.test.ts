import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, readAssessment, workspace, type AssessJson } from './helpers.js';

/**
 * Verdicts from too little (issue 20 items 4 and 6): with no comparable month a figure "cannot be
 * compared" (never "no significant change, p = 1.000"), and a source with no data in the window
 * has no rate (never 0 per 1,000); with fewer than half the months comparable, the verdict says so.
 */
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const MONTHS = ['2024', '2025'].flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));
const police = (m: string) =>
  `${HEADER}\n${Array.from({ length: 20 }, (_, i) => `${m}-${i},${m},Kent Police,Kent Police,1.4,51.4,On or near A Road,E01000001,Thanet 001A,Burglary,,`).join('\n')}\n`;

const config = (criteria: string) => `partnership: {name: Test CSP, area: Thanet, force: Kent Police}
period: {end: 2025-12, months: 12}
geography: {districts: [{name: Thanet}]}
sources:
  police: {kind: police-uk-street, files: "police/*.csv"}
  fire: {kind: counts, files: fire.csv, category: Deliberate fire, columns: {period: Month, count: Count}}
  asb: {kind: counts, files: asb.csv, category: Noise, columns: {period: Month, count: Count}}
  late: {kind: counts, files: late.csv, category: Graffiti, columns: {period: Month, count: Count}}
  population: {kind: population, files: population.csv, columns: {area: Area, level: Level, population: Population}}
themes:
  - {id: fires, name: Deliberate fires, categories: {fire: [Deliberate fire]}}
  - {id: noise, name: Noise, categories: {asb: [Noise]}}
  - {id: graffiti, name: Graffiti, categories: {late: [Graffiti]}}
ranking: {recommend: 1, criteria: {${criteria}}}
output: {date: 2026-01-15}
`;
const files = {
  ...Object.fromEntries(MONTHS.map((m) => [`police/${m}-kent-street.csv`, police(m)])),
  // Fires: 2024 only, 4 a month; none of 2025 is covered.
  'fire.csv': ['Month,Count', ...MONTHS.filter((m) => m < '2025').map((m) => `${m},4`)].join('\n'),
  // Noise: all of 2024 and Jan–May 2025 only: 5 comparable months, fewer than half of 12.
  'asb.csv': ['Month,Count', ...MONTHS.filter((m) => m < '2025-06').map((m) => `${m},${m < '2025' ? 10 : 20}`)].join('\n'),
  // Graffiti: from June 2025 only, 3 a month: 7 of the window's 12 months.
  'late.csv': ['Month,Count', ...MONTHS.filter((m) => m >= '2025-06').map((m) => `${m},3`)].join('\n'),
  'population.csv': 'Area,Level,Population\nThanet,district,1000\n',
};

describe('verdicts from too little', () => {
  it('no comparable month: "cannot be compared" in the JSON, the summary, the terminal and --json; no rate', async () => {
    const dir = workspace({ 'csp.yaml': config('volume: {measure: share, thresholds: [1, 2]}'), ...files });
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--format', 'html']);
    expect(r.code).toBe(0);
    const a = readAssessment(path.join(dir, 'out'));
    const fires = a.themes.find((t) => t.id === 'fires')!;
    expect([fires.current, fires.previous, fires.ratePer1000]).toEqual([0, 48, null]);
    expect(fires.comparable).toMatchObject({
      months: 0,
      current: 0,
      previous: 0,
      changePct: null,
      pValue: null,
      significance: 'cannot be compared',
      fewMonths: true,
    });
    expect(fires.summary).toContain('No month of the two windows can be compared, so the change cannot be judged.');
    expect(fires.summary).not.toMatch(/p = 1\.000|no significant change/);
    const line = r.stderr.split('\n').find((l) => l.startsWith('Deliberate fires'))!;
    expect(line).toContain('cannot be compared*');
    expect(line).not.toContain('p =');
    const json = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--format', 'html', '--json']);
    const f = (JSON.parse(json.stdout) as AssessJson).themes.find((t) => t.id === 'fires')!;
    expect([f.comparable?.significance, f.comparable?.pValue, f.ratePer1000]).toEqual(['cannot be compared', null, null]);
    const html = readFileSync(path.join(dir, 'out', 'assessment.html'), 'utf8');
    expect(html).toContain('cannot be compared: no month of the two windows is whole in both');
  });

  it('fewer than half the months comparable: said beside the verdict', async () => {
    const dir = workspace({ 'csp.yaml': config('volume: {measure: share, thresholds: [1, 2]}'), ...files });
    expect((await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--quiet', '--format', 'html'])).code).toBe(0);
    const a = readAssessment(path.join(dir, 'out'));
    const noise = a.themes.find((t) => t.id === 'noise')!;
    // Jan–May: 5 × 20 = 100 against 5 × 10 = 50.
    expect(noise.comparable).toMatchObject({ months: 5, current: 100, previous: 50, fewMonths: true, significance: 'significant increase' });
    expect(noise.comparable!.note).toMatch(/^compared on only 5 of the 12 months, those both windows have, leaving out/);
    expect(noise.summary).toContain(
      "On comparable months (only 5 of the window's 12 months, so a weak comparison), the change is +50 (+100.0%: 100 against 50)",
    );
    const html = readFileSync(path.join(dir, 'out', 'assessment.html'), 'utf8');
    expect(html).toContain('significant increase on the 5 comparable months, only 5 of 12: 100 against 50, +100.0% (p &lt; 0.001)');
    // A chart says what its shaded window holds of the months it shows, not "in its last 12 months".
    expect(html).toContain('the shaded band is the current window (Jan–Dec 2025, 21 in the 7 of its 12 months the data covers)');
    expect(html).toContain('the shaded band is the current window (Jan–Dec 2025, 100 in the 5 of its 12 months the data covers)');
  });

  it('the trend criterion does not band "cannot be compared" as no change: it is no data, named', async () => {
    const dir = workspace({ 'csp.yaml': config('trend: {}'), ...files });
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('theme "fires" has no data for the trend criterion: no month of the two windows can be compared');
    expect(r.stderr).not.toContain('theme "noise" has no data');
  });
});
