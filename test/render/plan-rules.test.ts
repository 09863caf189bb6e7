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

  // The sample's one overrideReason block: "Safer places" (priority 2), for deliberate fires.
  const withoutReason = (text: string) => {
    const at = text.indexOf('  - name: Safer places');
    return text.slice(0, at) + text.slice(at).replace(/ {4}overrideReason: \|\n(?: {6}.*\n)+/, '');
  };

  it('a priority with a theme the ranking did not recommend needs a reason: exit 2 naming the key and the ranks', async () => {
    const r = await render(withoutReason(sample));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plan-\w+\.yaml:\d+, priorities\.1\.overrideReason: /); // the file and the priority's line
    expect(r.stderr).toContain(
      'priority "Safer places" includes a theme the ranking did not recommend (Criminal damage and deliberate fires ranked 8th; it recommended the top 4)',
    );
    expect(r.stderr).toContain('say in overrideReason why the partnership includes them all the same');
    // One recommended theme (Violence) does not carry another beside it: two unbacked themes need the reason too.
    const people = await render(sample.replace('themes: [violence]', 'themes: [violence, shoplifting, acquisitive]'));
    expect(people.code).toBe(2);
    expect(people.stderr).toContain(
      'priority "Supporting people" includes themes the ranking did not recommend (Shoplifting and retail crime ranked 5th, Acquisitive crime ranked 7th; it recommended the top 4)',
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
    const r = await render(sample.replace('themes: [asb, damage-fires]', 'themes: [damage-fires, public-order]'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('the ranking recommended Anti-social behaviour, but no priority in plan.yaml takes it up: the plan does not show it');
    const html = readFileSync(path.join(out, 'plan.html'), 'utf8');
    expect(html).toContain(
      'The assessment&#x27;s ranking did not recommend any of this priority&#x27;s themes (Public order, and Criminal damage and deliberate fires); the partnership includes them because: Deliberate fires',
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

  it('render-plan warns of each override, each data-quality warning reaching the documents, and each top concern left unanswered', async () => {
    const r = await render(sample);
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('⚠'));
    // The sample: one override (deliberate fires), the partly published November 2024, and 2017 populations.
    expect(warnings, r.stderr).toEqual([
      '⚠ priority "Safer places" includes Criminal damage and deliberate fires (ranked 8th), which the ranking did not recommend: the plan and the Cabinet report print the reason given in plan.yaml',
      expect.stringMatching(/^⚠ a data-quality warning reaches the plan and the Cabinet report: November 2024 looks partially published in the police data/),
      expect.stringMatching(/^⚠ a data-quality warning reaches the plan and the Cabinet report: district populations are for 2017/),
    ]);
    expect(r.stderr).toContain('they say: "Rates per 1,000 residents use the 2017 population estimates, 8 years older than the figures');
    // Without its answer, speeding (42.6%, third of the problems residents named) is said; so is a missing risk line.
    const bare = await render(sample.replace(/^ {2}- concern: Speeding and road safety\n(?: {4}.*\n)+/m, '').replace(/^ {4}risk: .*\n/m, ''));
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stderr).toContain(
      '⚠ residents\' concern "Speeding and road safety" (42.6%, one of the 5 problems they named most) is in no priority, and plan.yaml does not answer it',
    );
    expect(bare.stderr).toContain("⚠ the Cabinet report's corporate implications have no corporate-risk line");
    // --json: the same warnings in the one object on stdout.
    const json = await cli(['render-plan', '--config', SAMPLE_CONFIG, '--out', out, '--format', 'html', '--json', '--quiet']);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { warnings: { message: string }[] }).warnings).toHaveLength(3);
  });

  it('"You said, we did" gives each answered concern with its survey figure; a concern the survey does not have is refused', async () => {
    const r = await render(sample);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(out, 'plan.html'), 'utf8');
    expect(html).toContain(
      '<dt><strong>You said:</strong> Speeding and road safety is a problem in your area: 42.6% of the 352 residents who answered the survey named it.</dt>',
    );
    expect(html).toContain('<h2 id="chosen-h">How the priorities were chosen</h2>');
    const misspelt = await render(sample.replace('- concern: Speeding and road safety', '- concern: Speeding'));
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toMatch(
      /plan-\w+\.yaml:\d+, youSaidWeDid\.0\.concern: "You said, we did" answers "Speeding", which is not an answer of the survey's problems question/,
    );
    expect(misspelt.stderr).toContain('Speeding and road safety');
  });

  it("the plan and the report carry plan.yaml's date, not the day render-plan ran; output.date wins", async () => {
    const r = await render(sample);
    expect(r.code, r.stderr).toBe(0);
    for (const doc of ['plan.html', 'cabinet-report.html']) expect(readFileSync(path.join(out, doc), 'utf8')).toContain('Produced with csp on 2 March 2026.');
    const undated = await render(sample.replace(/^date: .*\n/m, ''));
    expect(undated.code, undated.stderr).toBe(0);
    const assessment = JSON.parse(readFileSync(path.join(out, 'assessment.json'), 'utf8')) as { generatedOn: string };
    const [y, m, d] = assessment.generatedOn.split('-').map(Number);
    const said = new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(readFileSync(path.join(out, 'plan.html'), 'utf8')).toContain(`Produced with csp on ${said}.`);
  });

  it('the Cabinet report numbers its paragraphs, has its corporate-risk line and says where Overview and Scrutiny stands', async () => {
    const r = await render(sample);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(out, 'cabinet-report.html'), 'utf8');
    const numbers = [...html.matchAll(/<span class="para-no">(\d+)\.(\d+)<\/span>/g)].map((x) => [Number(x[1]), Number(x[2])]);
    expect(numbers.length).toBeGreaterThan(15);
    // 1.1, 1.2 … 2.1 …: each section's paragraphs count up from 1, sections in order, none skipped.
    numbers.forEach(([sec, para], i) => {
      const [ps, pp] = i === 0 ? [1, 0] : numbers[i - 1]!;
      expect(sec === ps ? para === pp! + 1 : sec === ps! + 1 && para === 1, `${sec}.${para} after ${ps}.${pp}`).toBe(true);
    });
    const headings = [...html.matchAll(/<h2 id="[^"]+-h">(\d+)\.0 /g)].map((x) => Number(x[1]));
    expect(headings).toEqual([...new Set(numbers.map(([sec]) => sec))]);
    expect(html).toMatch(/<th scope="row"[^>]*>Corporate risk<\/th><td[^>]*>There are no perceived corporate risks associated with this report\.<\/td>/);
    expect(html).toMatch(/Overview and Scrutiny<\/h2>[\s\S]*?The draft plan was considered by the Overview and Scrutiny Panel, 17 February 2026\./);
    const before = await render(sample.replace(/^ {2}scrutiny:\n(?: {4}.*\n)+/m, '').replace(/^ {2}# What Overview and Scrutiny said.*\n/m, ''));
    expect(before.code, before.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'cabinet-report.html'), 'utf8')).toContain(
      'The draft plan has not yet been considered by Overview and Scrutiny; its comments will be reported to the meeting.',
    );
  });
});
