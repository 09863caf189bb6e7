import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { binCsp, ROOT, type ValidationJson } from './helpers.js';
import { generateSamples } from '../src/samples/cli.js';

const SAMPLES = path.join(ROOT, 'data-samples');

describe('the sample workspace, run as a user runs it', () => {
  let json: ValidationJson;
  let stderr = '';
  beforeAll(async () => {
    const r = await binCsp(['validate', '--config', 'data-samples/csp.yaml', '--json']);
    expect(r.code).toBe(0);
    stderr = r.stderr;
    json = JSON.parse(r.stdout) as ValidationJson;
  });

  it('exits 0 and the accounting holds for every file of every source', () => {
    expect(json.errors).toEqual([]);
    expect(json.sources.map((s) => s.id)).toEqual(['police', 'council-asb', 'fire', 'population', 'survey', 'judgements', 'actions']);
    for (const s of json.sources) {
      expect(s.files.length).toBeGreaterThan(0);
      for (const f of s.files) expect(f.rowsAccepted + f.rowsRejected).toBe(f.rowsRead);
      expect(s.rowsRead).toBe(s.files.reduce((a, f) => a + f.rowsRead, 0));
    }
    expect(json.sources[0]!.files).toHaveLength(36);
    expect(json.sources[0]!.months[0]).toBe('2023-01');
    expect(json.sources[0]!.months.at(-1)).toBe('2025-12');
  });

  it('finds what the generator planted: the partial month, Shepway, repeats, no-location and outside rows', () => {
    const police = json.sources[0]!;
    expect(police.partialMonths.map((p) => p.month)).toEqual(['2024-11']);
    expect(police.partialMonths[0]!.share).toBeGreaterThan(0.45);
    expect(police.partialMonths[0]!.share).toBeLessThan(0.65);
    expect(police.renamedDistricts).toEqual([
      expect.objectContaining({ from: 'Shepway', to: 'Folkestone and Hythe', firstMonth: '2023-01', lastMonth: '2023-03' }),
    ]);
    expect(police.rejects.map((r) => r.reason)).toEqual(['repeated Crime ID: the first row with this ID is kept']);
    expect(police.noLocation).toBeGreaterThan(0);
    expect(police.outsideForce.map((d) => d.district).sort()).toEqual(['Basingstoke and Deane', 'Bexley', 'Bromley', 'Tandridge', 'Wealden']);
    expect(police.unmappedCategories).toEqual(['Other crime']);
    expect(stderr).toContain('November 2024 looks partially published');
  });

  it('reads every partner kind: Windows-1252 CSV and XLSX records, counts, population, survey, scores, actions', () => {
    const byId = (id: string) => json.sources.find((s) => s.id === id)!;
    expect(byId('council-asb').files.map((f) => f.path)).toEqual(['council/asb-complaints-2023-2024.csv', 'council/asb-complaints-2025.xlsx']);
    expect(byId('council-asb').rowsRejected).toBe(0);
    expect(byId('council-asb').months).toHaveLength(36);
    expect(byId('population').rowsAccepted).toBe(13 + 23 + 82); // districts, wards, and the LSOAs with a 2017 estimate
    expect(byId('survey').rowsAccepted).toBe(352);
    expect(byId('judgements').rowsAccepted).toBe(11 * 8);
    expect(byId('actions').rowsAccepted).toBe(9);
    expect(byId('fire').months).toHaveLength(36);
  });
});

describe('Thanet in the sample has realistic volumes', () => {
  it('1,100–1,500 rows a month with ASB, except the partially published month', () => {
    const dir = path.join(SAMPLES, 'police');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv.gz'))) {
      const lines = gunzipSync(readFileSync(path.join(dir, file)))
        .toString('utf8')
        .split('\n');
      expect(lines[0]).toBe('Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context');
      const thanet = lines.filter((l) => l.split(',')[8]?.startsWith('Thanet ')).length;
      if (file.startsWith('2024-11')) expect(thanet).toBeLessThan(1000);
      else {
        expect(thanet, file).toBeGreaterThanOrEqual(1050);
        expect(thanet, file).toBeLessThanOrEqual(1550);
      }
    }
  });
});

describe('the sample generator', () => {
  const digest = (dir: string) => {
    const h = createHash('sha256');
    for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.join(d.parentPath, d.name))
      .sort()) {
      h.update(path.relative(dir, f)).update(readFileSync(f));
    }
    return h.digest('hex');
  };

  it('is deterministic and scales the police files to the rows asked for', async () => {
    const a = mkdtempSync(path.join(tmpdir(), 'csp-gen-'));
    const b = mkdtempSync(path.join(tmpdir(), 'csp-gen-'));
    const opts = { rows: 20_000, seed: 7, gzip: false, policeOnly: false, log: () => {} };
    await generateSamples({ ...opts, out: a });
    await generateSamples({ ...opts, out: b });
    expect(digest(a)).toBe(digest(b));
    const rows = readdirSync(path.join(a, 'police')).reduce(
      (n, f) =>
        n +
        readFileSync(path.join(a, 'police', f), 'utf8')
          .trimEnd()
          .split('\n').length -
        1,
      0,
    );
    expect(Math.abs(rows - 20_000) / 20_000).toBeLessThan(0.03);
  });

  it('says how it is used (npm run samples -- --help), and names an option it does not know', () => {
    const cli = path.join(ROOT, 'dist', 'samples', 'cli.js');
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run samples -- \[options\]/);
    expect(help.stdout).toContain('--rows N');
    const wrong = spawnSync(process.execPath, [cli, '--row', '5'], { encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--row'");
    expect(wrong.stderr).toContain('Usage: npm run samples');
  });

  it('reproduces the committed data-samples byte for byte', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'csp-gen-'));
    await generateSamples({ out, rows: 0, seed: 2026, gzip: true, policeOnly: false, log: () => {} });
    expect(digest(out)).toBe(digest(SAMPLES));
  });
});

describe('no false alarms on the sample', () => {
  it('the renamed district is not mistaken for a boundary change', async () => {
    const r = await binCsp(['validate', '--config', 'data-samples/csp.yaml', '--json', '--quiet']);
    expect(JSON.parse(r.stdout).sources[0].boundaryChanges).toBeNull();
  });
});
