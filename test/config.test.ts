import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lineOfKey, parseConfig } from '../src/config/load.js';
import { configJsonSchema } from '../src/config/json-schema.js';
import { CspError } from '../src/core/errors.js';
import { ROOT, minimalConfig } from './helpers.js';

const FILE = path.join(ROOT, 'csp.yaml');

function problems(text: string) {
  try {
    parseConfig(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(CspError);
    expect((e as CspError).exitCode).toBe(2);
    return (e as CspError).problems;
  }
  throw new Error('expected the config to be rejected');
}

const police = `  police:\n    kind: police-uk-street\n    files: police/*.csv`;

describe('csp.yaml', () => {
  it('accepts a minimal config and fills the documented defaults', () => {
    const c = parseConfig(minimalConfig(police), FILE);
    expect(c.period).toEqual({ end: '2024-12', months: 12, seriesMonths: 36 });
    expect(c.partnership.protectiveMarking).toBe('OFFICIAL');
    expect(c.output.dir).toBe('out');
    expect(c.baseDir).toBe(ROOT);
    expect(c.sources.police).toMatchObject({ kind: 'police-uk-street', encoding: 'auto', delimiter: 'auto' });
  });

  it('names an unknown key with its line and suggests the key meant', () => {
    const p = problems(minimalConfig(police).replace('  months', '  monthz').replace('period:\n  end', 'period:\n  monthz: 12\n  end'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ message: 'unknown key "monthz"', where: { key: 'period.monthz', line: 6 }, hint: 'did you mean "months"?' });
  });

  it('suggests keys inside a source of a given kind', () => {
    const p = problems(minimalConfig(`${police}\n    encodng: utf-8`));
    expect(p[0]).toMatchObject({ message: 'unknown key "encodng"', where: { key: 'sources.police.encodng' }, hint: 'did you mean "encoding"?' });
  });

  it('reports every problem at once, each with its key and line', () => {
    const text = minimalConfig(police)
      .replace('end: 2024-12', 'end: 2024-13\n  months: twelve')
      .replace('force: Kent Police', 'force: Kent Police\n  colour: blue');
    const p = problems(text);
    expect(p.map((x) => x.where?.key).sort()).toEqual(['partnership.colour', 'period.end', 'period.months']);
    const months = p.find((x) => x.where?.key === 'period.months')!;
    expect(months.message).toBe('Invalid input: expected number, received string');
    expect(months.where?.line).toBe(8);
    expect(p.find((x) => x.where?.key === 'period.end')!.message).toBe('expected a month as YYYY-MM, e.g. 2025-12');
  });

  it('explains an unknown source kind with the kinds there are', () => {
    const p = problems(minimalConfig(`  police:\n    kind: police-street\n    files: a.csv`));
    expect(p[0]!.message).toBe('unknown or missing source kind');
    expect(p[0]!.hint).toContain('police-uk-street, records, counts, population, survey, judgements, actions');
  });

  it('checks across keys: the area must be a district, themes must name real sources', () => {
    const text = minimalConfig(police, `themes:\n  - id: asb\n    name: ASB\n    categories:\n      polise: [Anti-social behaviour]\n`).replace(
      'area: Thanet',
      'area: Thant',
    );
    const p = problems(text);
    expect(p.map((x) => x.message)).toEqual([
      'partnership.area "Thant" is not one of geography.districts',
      'theme "asb" names source "polise", which is not in sources',
    ]);
    expect(p[0]!.hint).toBe('did you mean "Thanet"?');
    expect(p[1]!.hint).toBe('did you mean "police"?');
    expect(p[1]!.where?.line).toBe(19);
  });

  it('says where YAML itself is broken', () => {
    const p = problems('partnership:\n  name: "unclosed\nperiod: [\n');
    expect(p[0]!.message).toMatch(/^not valid YAML/);
    expect(p[0]!.where?.line).toBeGreaterThan(0);
  });

  it('ships a JSON Schema for editors that matches the config schema', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'csp.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
    expect(committed.additionalProperties).toBe(false);
    expect(Object.keys(committed.properties)).toEqual(expect.arrayContaining(['partnership', 'period', 'geography', 'sources', 'themes']));
  });
});

describe('key lines', () => {
  it('come from the parse that made the config: csp.yaml is not read again (here it does not exist)', () => {
    const text = minimalConfig('  fire: {kind: counts, files: f.csv, columns: {period: P, count: C}}', 'ranking:\n  criteria:\n    volume: {weight: 2}\n');
    const config = parseConfig(text, path.join(ROOT, 'no-such-folder', 'csp.yaml'));
    const lines = text.split('\n');
    expect(lines[lineOfKey(config, 'ranking.criteria.volume')! - 1]).toBe('    volume: {weight: 2}');
    expect(lines[lineOfKey(config, 'sources.fire')! - 1]).toBe('  fire: {kind: counts, files: f.csv, columns: {period: P, count: C}}');
    expect(lineOfKey({ ...config }, 'sources.fire')).toBeUndefined(); // a copy is not the parsed config
  });
});
