import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers.js';

describe('npm run bench (smoke: 50,000 rows)', () => {
  it('generates the data, runs every comparison and writes its report; nothing is timed here', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'csp-bench-'));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench.mjs'), '--smoke', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    const report = JSON.parse(readFileSync(path.join(out, 'bench.json'), 'utf8'));
    expect(report.results).toHaveLength(1);
    const r = report.results[0];
    expect(r.rows).toBe(50_000);
    for (const m of [r.floor, r.assess]) {
      expect(m.wall).toBeGreaterThan(0);
      expect(m.label).toMatch(/DuckDB|assess/);
    }
    // The generated police files hold about the rows asked for.
    const assessment = JSON.parse(readFileSync(path.join(out, 'ws-50000', 'out', 'assessment.json'), 'utf8'));
    const police = assessment.sources.find((s: any) => s.id === 'police');
    expect(Math.abs(police.rowsRead - 50_000) / 50_000).toBeLessThan(0.05);
    // assess's own steps are read from what it prints, for the breakdown in BENCHMARKS.md.
    expect(r.assess.steps.map((s: any) => s.step.split(' ')[0])).toEqual(['read', 'analysed', 'wrote', 'wrote']);
    // What assess costs whatever the volume: the same workspace with 1 police row in 5 kept.
    expect(r.fixed.every).toBe(5);
    expect(r.fixed.steps.map((s: any) => s.step.split(' ')[0])).toEqual(['read', 'analysed', 'wrote', 'wrote']);
    expect(r.floorFixed.wall).toBeGreaterThan(0);
    const policeDir = path.join(out, 'ws-50000', 'police');
    const kept = readdirSync(policeDir).reduce((sum, f) => {
      const dataRows = readFileSync(path.join(policeDir, f), 'utf8').trimEnd().split('\n').length - 1;
      return sum + Math.floor(dataRows / 5);
    }, 0);
    const thin = JSON.parse(readFileSync(path.join(out, 'ws-50000-thin', 'out', 'assessment.json'), 'utf8'));
    expect(thin.sources.find((s: any) => s.id === 'police').rowsRead).toBe(kept);
    expect(report.startup.wall).toBeGreaterThan(0);
    expect(report.floorStartup.wall).toBeGreaterThan(0);
    expect(report.documents.render.wall).toBeGreaterThan(0);
    expect(report.machine.cores).toBeGreaterThan(0);
  });
});
