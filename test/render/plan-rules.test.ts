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

  // The sample's overrideReason blocks: "Safer places" (priority 2) and "Supporting people" (3).
  const withoutReason = (text: string, priority: 'Safer places' | 'Supporting people') => {
    const at = text.indexOf(`  - name: ${priority}`);
    return text.slice(0, at) + text.slice(at).replace(/ {4}overrideReason: \|\n(?: {6}.*\n)+/, '');
  };

  it('a priority with a theme the ranking did not recommend needs a reason: exit 2 naming the key and the ranks', async () => {
    const r = await render(withoutReason(sample, 'Supporting people'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plan-\w+\.yaml:\d+, priorities\.2\.overrideReason: /); // the file and the priority's line
    expect(r.stderr).toContain(
      'priority "Supporting people" includes themes the ranking did not recommend (Shoplifting and retail crime ranked 5th, Acquisitive crime ranked 7th; it recommended the top 4)',
    );
    expect(r.stderr).toContain('say in overrideReason why the partnership includes them all the same');
    // One recommended theme (ASB) does not carry the others: "Safer places" needs its reason too.
    const places = await render(withoutReason(sample, 'Safer places'));
    expect(places.code).toBe(2);
    expect(places.stderr).toContain(
      'priority "Safer places" includes themes the ranking did not recommend (Public order ranked 6th, Criminal damage and deliberate fires ranked 8th; it recommended the top 4)',
    );
  });

  it('a reason on a priority whose themes were all recommended is refused: it would tell readers the ranking did not', async () => {
    const r = await render(
      sample.replace(
        '    lead: Serious Violence and Harm sub-group, chaired by Kent Police\n',
        '    lead: Serious Violence and Harm sub-group, chaired by Kent Police\n    overrideReason: Because we have always had it as a priority.\n',
      ),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('priorities.0.overrideReason');
    expect(r.stderr).toContain('priority "Reducing serious violence and harm" has an override reason, but the ranking recommended every theme beneath it');
  });

  it('a recommended theme that no priority takes up is a warning naming it', async () => {
    const r = await render(sample.replace('themes: [asb, damage-fires, public-order]', 'themes: [damage-fires, public-order]'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('the ranking recommended Anti-social behaviour, but no priority in plan.yaml takes it up: the plan does not show it');
    const html = readFileSync(path.join(out, 'plan.html'), 'utf8');
    expect(html).toContain(
      'The assessment&#x27;s ranking did not recommend any of this priority&#x27;s themes (Public order and Criminal damage and deliberate fires); the partnership includes them because: Deliberate fires',
    );
  });

  it('an annex is listed only when its file exists; the draft plan is always Annex 1', async () => {
    const missing = await render(`${sample}  annexes:\n    - title: Equality impact assessment\n      file: eqia.pdf\n`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/plan-\w+\.yaml:\d+, cabinet\.annexes\.0\.file: /);
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
