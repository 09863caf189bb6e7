import { describe, expect, it, beforeAll } from 'vitest';
import { Ajv2020, type AnySchema } from 'ajv/dist/2020.js';
import { mkdtempSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Assessment } from '../src/analyse/assessment-schema.js';
import { binCsp, cli, readAssessment, REAL_CONFIG, ROOT, SAMPLE_CONFIG, type AssessJson } from './helpers.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'csp-assess-'));

/** An independent count of the raw Kent rows: district × month, crimes only (no ASB), first of each repeated Crime ID. */
function rawCrimeCounts(): Map<string, number> {
  const dir = path.join(ROOT, 'test/fixtures/realdata/kent-street-2024-01_2024-04');
  const counts = new Map<string, number>();
  for (const file of readdirSync(dir).sort()) {
    const seen = new Set<string>();
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n').slice(1)) {
      if (!line) continue;
      const f = line.split(','); // the real files hold no quoted commas (checked: no '"' at all)
      const [id, month, lsoaName, type] = [f[0]!, f[1]!, f[8]!, f[9]!];
      if (id && seen.has(id)) continue;
      if (id) seen.add(id);
      if (type === 'Anti-social behaviour' || !lsoaName) continue;
      const key = `${lsoaName.replace(/ \d{3}[A-Z]$/, '')}|${month}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

describe('assess on the real Kent files', () => {
  let a: Assessment;
  beforeAll(async () => {
    const out = tmp();
    const r = await cli(['assess', '--config', REAL_CONFIG, '--out', out, '--quiet', '--format', 'html']);
    expect(r.code).toBe(0);
    a = readAssessment(out);
  });

  it('counts per district and month equal an independent count of the raw rows', () => {
    const raw = rawCrimeCounts();
    const get = (d: string, m: string) => raw.get(`${d}|${m}`) ?? 0;
    expect(a.period).toMatchObject({ start: '2024-03', end: '2024-04', previousStart: '2024-01', previousEnd: '2024-02' });
    expect(a.allCrime.series.map((s) => [s.month, s.count])).toEqual(['2024-01', '2024-02', '2024-03', '2024-04'].map((m) => [m, get('Thanet', m)]));
    for (const c of a.comparators) {
      expect(c.current, c.area).toBe(get(c.area, '2024-03') + get(c.area, '2024-04'));
      expect(c.previous, c.area).toBe(get(c.area, '2024-01') + get(c.area, '2024-02'));
    }
    expect(a.comparators).toHaveLength(13);
  });

  it("Thanet's rate per 1,000 and rank among Kent's districts follow from the populations used", () => {
    const population = Object.fromEntries(
      readFileSync(path.join(ROOT, 'test/fixtures/realdata/population-by-district.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map(([area, , , p]) => [area!, Number(p)]),
    );
    const rates = a.comparators.map((c): [string, number] => [c.area, Math.round((c.current! / population[c.area]!) * 1000 * 100) / 100]);
    const thanet = a.comparators.find((c) => c.area === 'Thanet')!;
    expect(a.area.population).toBe(136809);
    expect(thanet.ratePer1000).toBe(rates.find((r) => r[0] === 'Thanet')![1]);
    const higher = rates.filter((r) => r[1] > thanet.ratePer1000!).length;
    expect(thanet.rank).toBe(higher + 1);
    expect(a.allCrime.rank).toBe(thanet.rank);
    const force = (a.comparators.reduce((s, c) => s + c.current!, 0) / Object.values(population).reduce((s, p) => s + p, 0)) * 1000;
    expect(a.allCrime.forceAverageRatePer1000).toBe(Math.round(force * 100) / 100);
  });

  it('ASB is never counted as crime', () => {
    const asb = a.themes.find((t) => t.id === 'asb')!;
    const raw = rawCrimeCounts();
    const crime = [...raw.entries()].filter(([k]) => k.startsWith('Thanet|2024-03') || k.startsWith('Thanet|2024-04')).reduce((s, [, n]) => s + n, 0);
    expect(a.allCrime.current).toBe(crime);
    expect(asb.current).toBeGreaterThan(0);
  });
});

describe('assess on the sample workspace', () => {
  let a: Assessment;
  let out: string;
  let run: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    out = tmp();
    run = await binCsp(['assess', '--config', 'data-samples/csp.yaml', '--out', out, '--json', '--format', 'html'], {
      env: { SOURCE_DATE_EPOCH: '1767225600' },
    });
    a = readAssessment(out);
  });

  it('writes assessment.json, its JSON Schema, tables/*.csv and tables.xlsx, and the JSON validates', () => {
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['assessment.html', 'assessment.json', 'assessment.schema.json', 'charts', 'tables', 'tables.xlsx']);
    expect(readdirSync(path.join(out, 'tables')).sort()).toEqual([
      'all-crime-by-district.csv',
      'data-quality.csv',
      ...['acquisitive', 'asb', 'damage-fires', 'drugs', 'public-order', 'serious-violence', 'shoplifting', 'violence'].map((t) => `districts-${t}.csv`),
      'exceptions.csv',
      'hotspots.csv',
      'monthly-series.csv',
      'ranking.csv',
      'sensitivity.csv',
      'sources.csv',
      'survey.csv',
      'themes.csv',
    ]);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(out, 'assessment.schema.json'), 'utf8')) as AnySchema);
    expect(validate(a), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(a.schemaVersion).toBe('1.6.0'); // 1.1: comparable changes, files' duplicateOf; 1.2: themes' districts, the difference rounded once; 1.3–1.6: see CHANGELOG.md
    expect(a.generatedOn).toBe('2026-01-01');
    expect(a.sources[0]!.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // No machine path but each file's own full path (where it was read, for the next year's run).
    const withoutFullPaths = { ...a, sources: a.sources.map((s) => ({ ...s, files: s.files.map(({ fullPath: _f, ...f }) => f) })) };
    expect(JSON.stringify(withoutFullPaths)).not.toContain(ROOT);
    expect(a.sources[0]!.files[0]!.fullPath).toBe(path.join(realpathSync(ROOT), 'data-samples', a.sources[0]!.files[0]!.path));
  });

  it('has the names scheduled jobs rely on', () => {
    expect(a.period).toMatchObject({ start: '2025-01', end: '2025-12', previousStart: '2024-01', previousEnd: '2024-12' });
    expect(a.area).toMatchObject({ name: 'Thanet', population: 136809 });
    for (const f of [a.allCrime, ...a.themes]) {
      for (const k of ['current', 'previous', 'change', 'changePct', 'pValue', 'significance', 'ratePer1000', 'forceAverageRatePer1000'])
        expect(f).toHaveProperty(k);
    }
    expect(a.themes.map((t) => t.id)).toEqual(['asb', 'violence', 'serious-violence', 'drugs', 'acquisitive', 'shoplifting', 'damage-fires', 'public-order']);
    expect(a.comparators[0]).toEqual(
      expect.objectContaining({
        area: expect.any(String),
        population: expect.any(Number),
        current: expect.any(Number),
        ratePer1000: expect.any(Number),
        rank: 1,
      }),
    );
    expect(Array.isArray(a.dataQuality)).toBe(true);
  });

  it('finds the planted partial month and says what it does to the figures it affects', () => {
    const partial = a.dataQuality.find((f) => f.id === 'partial-month-police-2024-11')!;
    expect(partial.severity).toBe('warning');
    expect(partial.effect).toMatch(
      /^the previous window's total \(Jan–Dec 2024\) is understated by about [\d,]+ force-wide; changes are measured on the months both windows have, leaving November 2024 out$/,
    );
    expect(a.allCrime.dataQuality).toContain(partial.id);
    // As published, +6.0% is a significant increase; November left out of both years, it is not.
    expect(a.allCrime).toMatchObject({ current: 14085, previous: 13286, changePct: 6, significance: 'significant increase' });
    const nov = (m: string) => a.allCrime.series.find((x) => x.month === m)!.count;
    expect(a.allCrime.comparable).toEqual({
      gaps: [{ month: '2024-11', why: 'partly published' }],
      excludedMonths: ['2024-11', '2025-11'],
      fewMonths: false,
      months: 11,
      current: 14085 - nov('2025-11'),
      previous: 13286 - nov('2024-11'),
      change: 151,
      changePct: 1.2,
      changePctLabel: '+1.2%',
      pValue: 0.3481,
      significance: 'no significant change',
      note: 'compared on the 11 months both windows have, leaving out November 2024 (partly published) and November 2025',
    });
    expect(a.allCrime.comparable!.current).toBe(12854);
    expect(a.allCrime.summary).toContain(
      'November 2024 was only partly published, so the totals are not like for like: comparable months leave out November 2024 and November 2025. On comparable months, the change is +151 (+1.2%: 12,854 against 12,703), which is within what chance alone would produce (p = 0.348), so not evidence of a real change.',
    );
    expect(a.allCrime.summary).not.toContain('statistically significant');
    expect(a.themes.find((t) => t.id === 'violence')!.dataQuality).toContain(partial.id);
    // ASB is published separately and looks normal in the partial month.
    expect(a.themes.find((t) => t.id === 'asb')!.dataQuality).not.toContain(partial.id);
  });

  it('finds the renamed district and counts it under its current name', () => {
    const renamed = a.dataQuality.find((f) => f.id === 'renamed-district-police-shepway')!;
    expect(renamed.message).toBe('Folkestone and Hythe appears under its old name Shepway from 2023-01 to 2023-03 (2,193 rows)');
    expect(a.comparators.map((c) => c.area)).not.toContain('Shepway');
  });

  it('ranks the themes, and each reason reads correctly against the figures', async () => {
    const { bandFor } = await import('../src/rank/bands.js');
    const r = a.ranking;
    expect(r.themes).toHaveLength(8);
    expect(r.themes.filter((t) => t.recommended)).toHaveLength(4); // the sample's csp.yaml: recommend: 4
    expect(r.criteria.map((c) => c.id)).toEqual(['volume', 'trend', 'harm', 'perception', 'influence', 'vulnerability']);
    for (const ranked of r.themes) {
      const t = a.themes.find((x) => x.id === ranked.id)!;
      const criterion = (id: string) => ranked.criteria.find((x) => x.id === id)!;
      const c = { volume: criterion('volume'), trend: criterion('trend'), perception: criterion('perception'), influence: criterion('influence') };
      expect(c.volume.raw).toBe(Math.round((1000 * t.ratePer1000!) / t.forceAverageRatePer1000!) / 10);
      const f1 = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      const f2 = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      expect(c.volume.reason).toContain(
        `${f2(t.ratePer1000!)} per 1,000 against the Kent Police average of ${f2(t.forceAverageRatePer1000!)}: ${f1(c.volume.raw)}% of average`,
      );
      // The trend is judged on comparable months where a window has a gap month.
      const f = t.comparable ?? t;
      expect(c.trend.raw).toBe(f.significance === 'no significant change' || f.changePct === null ? 0 : f.changePct);
      // Said "on comparable months", with the months left out in its data: never brackets within brackets.
      if (t.comparable) {
        expect(c.trend.reason).toContain(`${t.comparable.changePctLabel} on comparable months`);
        expect(c.trend.reason).not.toMatch(/\([^()]*\(/);
        expect(c.trend.data).toMatchObject({
          comparable: true,
          excludedMonths: t.comparable.excludedMonths,
          current: t.comparable.current,
          previous: t.comparable.previous,
        });
      }
      expect(c.perception.raw).toBe(t.perceptionPct);
      expect(c.influence.raw).toBe(t.judgements.influence!.mean);
      for (const crit of ranked.criteria) {
        const conf = r.criteria.find((x) => x.id === crit.id)!;
        expect(crit.band).toBe(bandFor(crit.raw, conf.thresholds));
        expect(crit.contribution).toBe(crit.band * crit.weight);
      }
      expect(ranked.score).toBe(ranked.criteria.reduce((s, x) => s + x.contribution, 0));
    }
    expect(r.sensitivity.scenarios).toHaveLength(6 * 2 + 6 * 2 * 2);
    expect(run.stderr).toContain('Ranking (weighted-sum, bands 1–3): the top 4 recommended');
    // The terminal uses the JSON's significance words.
    expect(run.stderr).toMatch(/Anti-social behaviour +1,668 +2,003 +−16\.7% +significant decrease \(p < 0\.001\)/);
    expect(run.stderr).toMatch(/All crime \(excluding ASB\) +[\d,]+ +[\d,]+ +\+1\.2%\* +no significant change \(p = 0\.348\)\*/);
    expect(run.stderr).not.toMatch(/\bnone \(p|(?<!significant )\b(increase|decrease) \(p/);
  });

  it('--json prints one compact JSON object on stdout and nothing else', () => {
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const s = JSON.parse(lines[0]!) as AssessJson;
    expect(Object.keys(s)).toEqual(['schemaVersion', 'period', 'area', 'allCrime', 'themes', 'warnings', 'outputs', 'errors']);
    expect(s.errors).toEqual([]); // a browser that failed would be here, in the one JSON object
    expect(s.allCrime.current).toBe(a.allCrime.current);
    expect(s.warnings.map((w) => w.id)).toContain('partial-month-police-2024-11');
    expect(run.stderr).toContain('All crime (excluding ASB)');
  });

  it('the same inputs give byte-identical outputs twice in a row', async () => {
    const again = tmp();
    const r = await binCsp(['assess', '--config', 'data-samples/csp.yaml', '--out', again, '--quiet', '--format', 'html'], {
      env: { SOURCE_DATE_EPOCH: '1767225600' },
    });
    expect(r.code).toBe(0);
    for (const f of ['assessment.json', 'assessment.html', 'tables.xlsx', 'tables/themes.csv', 'tables/monthly-series.csv', 'charts/rates.svg']) {
      expect(readFileSync(path.join(again, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    }
  });

  it('--period overrides the window; the previous window is the same length before it', async () => {
    const fy = tmp();
    const r = await cli(['assess', '--config', SAMPLE_CONFIG, '--out', fy, '--period', '2024-04..2025-03', '--quiet', '--format', 'html']);
    expect(r.code).toBe(0);
    const b = readAssessment(fy);
    expect(b.period).toMatchObject({
      start: '2024-04',
      end: '2025-03',
      previousStart: '2023-04',
      previousEnd: '2024-03',
      months: 12,
      label: 'Apr 2024–Mar 2025',
    });
    const partial = b.dataQuality.find((f) => f.id === 'partial-month-police-2024-11')!;
    expect(partial.effect).toMatch(/^the current window's total \(Apr 2024–Mar 2025\) is understated/);
    expect(b.allCrime.comparable!.excludedMonths).toEqual(['2023-11', '2024-11']);
    const series = new Map(b.allCrime.series.map((s) => [s.month, s.count]));
    const sum = (from: number, to?: number) => b.allCrime.series.slice(from, to).reduce((t, s) => t + s.count, 0);
    expect(b.allCrime.current).toBe(sum(-12));
    expect(series.get('2025-03')).toBeDefined();
    const bad = await cli(['assess', '--config', SAMPLE_CONFIG, '--out', fy, '--period', '2025-03..2024-04']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--period "2025-03..2024-04" ends before it starts');
  });
});
