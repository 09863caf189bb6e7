import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAssessment, ROOT } from './helpers.js';

/** A command as scripts/bench.mjs measures it: the median run. */
interface Measured {
  label: string;
  wall: number;
  cpu: number | null;
  peakMb: number | null;
  /** The steps csp printed ("read 7 sources, …"), with their seconds. */
  steps: { step: string; seconds: number }[];
  /** Printing's steps (CSP_TRACE_PRINT=1), at their time since the process started. */
  printSteps?: { at: number; step: string; document: string | null }[];
}

/** bench.json as scripts/bench.mjs writes it: the parts read here. */
interface BenchReport {
  machine: { cores: number };
  startup: Measured;
  floorStartup: Measured;
  results: { rows: number; floor: Measured; assess: Measured; fixed: (Measured & { every: number }) | null; floorFixed: Measured | null }[];
  documents: { render: Measured; empty: Measured } | null;
  scan: { files: number; rows: number; steps: { key: string; label: string; seconds: number }[] } | null;
  fixedProfile: { total: number; owners: { owner: string; seconds: number }[] } | null;
  maps: { boundaries: number; analysis: number; drawing: number; maps: number; total: number } | null;
}

describe('npm run bench (smoke: 50,000 rows)', () => {
  it('generates the data, runs every comparison and writes its report; nothing is timed here', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'csp-bench-'));
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench.mjs'), '--smoke', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      const report = JSON.parse(readFileSync(path.join(out, 'bench.json'), 'utf8')) as BenchReport;
      expect(report.results).toHaveLength(1);
      const r = report.results[0]!;
      expect(r.rows).toBe(50_000);
      for (const m of [r.floor, r.assess]) {
        expect(m.wall).toBeGreaterThan(0);
        expect(m.label).toMatch(/DuckDB|assess/);
      }
      // The generated police files hold about the rows asked for.
      const assessment = readAssessment(path.join(out, 'ws-50000', 'out'));
      const police = assessment.sources.find((s) => s.id === 'police')!;
      expect(Math.abs(police.rowsRead - 50_000) / 50_000).toBeLessThan(0.05);
      // assess's own steps are read from what it prints, for the breakdown in BENCHMARKS.md.
      expect(r.assess.steps.map((s) => s.step.split(' ')[0])).toEqual(['read', 'analysed', 'wrote', 'wrote']);
      // What assess costs whatever the volume: the same workspace with 1 police row in 5 kept.
      expect(r.fixed!.every).toBe(5);
      expect(r.fixed!.steps.map((s) => s.step.split(' ')[0])).toEqual(['read', 'analysed', 'wrote', 'wrote']);
      expect(r.floorFixed!.wall).toBeGreaterThan(0);
      const policeDir = path.join(out, 'ws-50000', 'police');
      const kept = readdirSync(policeDir).reduce((sum, f) => {
        const dataRows = readFileSync(path.join(policeDir, f), 'utf8').trimEnd().split('\n').length - 1;
        return sum + Math.floor(dataRows / 5);
      }, 0);
      const thin = readAssessment(path.join(out, 'ws-50000-thin', 'out'));
      expect(thin.sources.find((s) => s.id === 'police')!.rowsRead).toBe(kept);
      expect(report.startup.wall).toBeGreaterThan(0);
      expect(report.floorStartup.wall).toBeGreaterThan(0);
      expect(report.documents!.render.wall).toBeGreaterThan(0);
      // render-plan's steps, for where its time goes: the assessment read, the documents made, then printed.
      expect(report.documents!.render.steps.map((s) => s.step.split(' ')[0])).toEqual(['read', 'wrote', 'printed']);
      // And its printing step by step, each document's in order, between the browser's start and exit.
      const printing = report.documents!.render.printSteps!;
      const documents = [...new Set(printing.flatMap((p) => (p.document ? [p.document] : [])))];
      // The plan and the Cabinet report, by their titles.
      expect(documents).toHaveLength(2);
      expect(documents.filter((d) => /report to Cabinet$/.test(d))).toHaveLength(1);
      for (const doc of documents)
        expect(printing.filter((p) => p.document === doc).map((p) => p.step)).toEqual([
          'document made',
          'document loaded',
          'draft printed',
          'contents page numbered',
          'printed',
          'bookmarks and metadata written',
        ]);
      const general = printing.filter((p) => p.document === null).map((p) => p.step);
      expect(general).toEqual(['browser started', 'browser answering', 'page opened', 'page opened', 'browser closed', 'browser exited, its folder removed']);
      expect(printing.map((p) => p.at)).toEqual([...printing.map((p) => p.at)].sort((a, b) => a - b));
      expect(report.documents!.empty.printSteps!.map((p) => p.step)).toEqual(['browser answering', 'page opened', 'printed', 'browser closed']);
      // The scan taken apart (scripts/bench-scan.mjs) reads every police row csp read, in every query.
      expect(report.scan!.steps.map((s) => s.key)).toEqual(['bare', 'parse', 'shape', 'points', 'onePass', 'csp', 'fingerprint']);
      expect(report.scan!.rows).toBe(police.rowsRead);
      expect(report.scan!.files).toBe(readdirSync(path.join(out, 'ws-50000', 'police')).length);
      // The fixed-cost run's profile names the libraries its time goes to, and adds up to no more than the run.
      const owners = report.fixedProfile!.owners.map((o) => o.owner);
      expect(owners).toEqual(expect.arrayContaining(['(idle)', 'exceljs', 'handlebars', '@duckdb/node-api']));
      const profiled = report.fixedProfile!.owners.reduce((a, o) => a + o.seconds, 0);
      expect(profiled).toBeGreaterThan(0.5 * report.fixedProfile!.total);
      expect(profiled).toBeLessThanOrEqual(report.fixedProfile!.total + 0.01);
      // The maps' time on the sample (issue 24): each part measured, every map drawn.
      expect(report.maps!.maps).toBe(15);
      expect(report.maps!.total).toBeCloseTo(report.maps!.boundaries + report.maps!.analysis + report.maps!.drawing, 6);
      expect(report.maps!.boundaries).toBeGreaterThan(0);
      expect(report.machine.cores).toBeGreaterThan(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
