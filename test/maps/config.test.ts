import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { CspError } from '../../src/core/errors.js';
import { readBoundaries } from '../../src/ingest/boundaries/index.js';
import { minimalConfig } from '../helpers.js';
import { FILES, FIXTURES } from './helpers.js';

const police = `  police:\n    kind: police-uk-street\n    files: police/*.csv`;
/** csp.yaml beside the fixtures, with `boundaries` (YAML, indented by four) under geography. */
const config = (boundaries: string) =>
  parseConfig(minimalConfig(police).replace('    - name: Dover\n', `    - name: Dover\n  boundaries:\n${boundaries}\n`), path.join(FIXTURES, 'csp.yaml'));

function problems(run: () => unknown) {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CspError);
    expect((e as CspError).exitCode).toBe(2);
    return (e as CspError).problems;
  }
  throw new Error('expected a problem');
}

describe('geography.boundaries in csp.yaml', () => {
  it('is optional: without it there are no boundaries to read', () => {
    const c = parseConfig(minimalConfig(police), path.join(FIXTURES, 'csp.yaml'));
    expect(c.geography.boundaries).toBeUndefined();
    expect(readBoundaries(c)).toBeNull();
  });

  it('takes a file, a list of files, or files with their properties named, and reads them all', () => {
    const c = config(
      [
        `    lsoa:`,
        `      - ${FILES.thanetLsoa21}`,
        `      - file: ${FILES.thanetLsoa11}`,
        `        codeProperty: LSOA11CD`,
        `        nameProperty: LSOA11NM`,
        `    ward: ${FILES.thanetWards}`,
      ].join('\n'),
    );
    expect(c.geography.boundaries).toEqual({
      lsoa: [FILES.thanetLsoa21, { file: FILES.thanetLsoa11, codeProperty: 'LSOA11CD', nameProperty: 'LSOA11NM' }],
      ward: FILES.thanetWards,
    });
    const b = readBoundaries(c)!;
    expect(b.lsoa.map((l) => [l.file, l.key, l.areas.length, l.year])).toEqual([
      [FILES.thanetLsoa21, 'geography.boundaries.lsoa.0', 86, 2021],
      [FILES.thanetLsoa11, 'geography.boundaries.lsoa.1.file', 84, 2011],
    ]);
    expect(b.ward.map((l) => [l.key, l.areas.length, l.year])).toEqual([['geography.boundaries.ward', 23, 2025]]);
    expect(b.attribution).toBeNull();
  });

  it('refuses unknown keys with the key named', () => {
    const p = problems(() => config(`    lsoa:\n      file: ${FILES.thanetLsoa21}\n      codeProp: LSOA21CD`));
    expect(p[0]).toMatchObject({ message: 'unknown key "codeProp"', where: { key: 'geography.boundaries.lsoa.codeProp' } });
  });

  it('says every wrong file in one run, each with its file and key', () => {
    const c = config(`    lsoa: ${FILES.thanetWards}\n    ward:\n      - ${FILES.thanetWards}\n      - no-such-wards.geojson`);
    const p = problems(() => readBoundaries(c));
    expect(p.map((x) => [x.where?.file, x.where?.key, x.message])).toEqual([
      [FILES.thanetWards, 'geography.boundaries.lsoa', 'the boundary file holds wards, not LSOAs: its code property is WD25CD'],
      ['no-such-wards.geojson', 'geography.boundaries.ward.1', 'the boundary file does not exist'],
    ]);
  });
});
