import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, SAMPLE_CONFIG, ROOT } from '../helpers.js';

/** render-plan's rules for plan.yaml, on the sample's assessment with a plan.yaml changed for each case. */
describe('plan.yaml: priorities follow the ranking, annexes exist', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'csp-plan-rules-'));
  const sample = readFileSync(path.join(ROOT, 'data-samples', 'plan.yaml'), 'utf8');
  const render = async (planText: string) => {
    const file = path.join(out, `plan-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, planText);
    return cli(['render-plan', '--config', SAMPLE_CONFIG, '--out', out, '--plan', file, '--format', 'html']);
  };
  beforeAll(async () => {
    expect((await cli(['assess', '--config', SAMPLE_CONFIG, '--out', out, '--quiet', '--format', 'html'])).code).toBe(0);
  });

  it('the sample plan renders: its one priority the ranking did not back carries its reason', async () => {
    const r = await render(sample);
    expect(r.code, r.stderr).toBe(0);
  });

  it('a priority none of whose themes the ranking recommended needs a reason: exit 2 naming the key and the ranks', async () => {
    const r = await render(sample.replace(/ {4}overrideReason: \|\n(?: {6}.*\n)+/, ''));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('priorities.2.overrideReason');
    expect(r.stderr).toContain('priority "Supporting people" has none of the 4 themes the ranking recommended (Acquisitive crime ranked 7th, Shoplifting and retail crime ranked 5th)');
    expect(r.stderr).toContain('say in overrideReason why the partnership chose it all the same');
  });

  it('a reason on a priority the ranking backs is refused: it would tell readers the ranking did not', async () => {
    const r = await render(sample.replace('    lead: Serious Violence and Harm sub-group, chaired by Kent Police\n', '    lead: Serious Violence and Harm sub-group, chaired by Kent Police\n    overrideReason: Because we have always had it as a priority.\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('priorities.0.overrideReason');
    expect(r.stderr).toContain('priority "Reducing serious violence and harm" has an override reason, but the ranking recommended Drugs and Violence and sexual offences and Serious violence and weapons');
  });

  it('a recommended theme that no priority takes up is a warning naming it', async () => {
    const r = await render(sample.replace('themes: [asb, damage-fires, public-order]', 'themes: [damage-fires, public-order]').replace(/ {4}overrideReason: \|\n(?: {6}.*\n)+/, '').replace('themes: [acquisitive, shoplifting]', 'themes: [acquisitive, shoplifting, asb]'));
    expect(r.code, r.stderr).toBe(2); // "Safer places" now has no recommended theme and no reason
    const ok = await render(sample.replace('themes: [asb, damage-fires, public-order]', 'themes: [damage-fires, public-order]').replace('    lead: Places sub-group, chaired by Thanet District Council\n', '    lead: Places sub-group, chaired by Thanet District Council\n    overrideReason: Deliberate fires and disorder are the residents\' first concern in the town centres.\n'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('the ranking recommended Anti-social behaviour, but no priority in plan.yaml takes it up: the plan does not show it');
  });

  it('an annex is listed only when its file exists; the draft plan is always Annex 1', async () => {
    const missing = await render(`${sample}  annexes:\n    - title: Equality impact assessment\n      file: eqia.pdf\n`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cabinet.annexes.0.file');
    expect(missing.stderr).toContain('annex "Equality impact assessment" names eqia.pdf, which does not exist');
    writeFileSync(path.join(out, 'eqia.pdf'), '%PDF-1.4\n');
    const present = await render(`${sample}  annexes:\n    - title: Equality impact assessment\n      file: eqia.pdf\n`);
    expect(present.code, present.stderr).toBe(0);
    const html = readFileSync(path.join(out, 'cabinet-report.html'), 'utf8');
    expect(html).toContain('<li>Annex 1: the draft Thanet Community Safety Partnership Plan 2026-2029</li><li>Annex 2: Equality impact assessment</li>');
  });

  it('a plan.yaml missing the sections a publishable plan needs is refused, each key named with its line', async () => {
    const r = await render(sample.replace(/^strategy:\n(?: {2}.*\n|\n)+/m, '').replace(/^ {2}options:\n(?: {4}- .*\n)+/m, ''));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plan-\w+\.yaml(:\d+)?, strategy: /);
    expect(r.stderr).toMatch(/cabinet\.options: /);
  });
});
