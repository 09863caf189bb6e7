import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchWardNames, wardKey } from '../../src/analyse/maps/index.js';
import { FILES, layer } from './helpers.js';

describe("partners' ward names matched to the ward boundaries", () => {
  it('by code or by name, whatever the capitals, full stops, apostrophes, hyphens and ampersands', () => {
    const wards = layer(FILES.thanetWards, 'ward').areas;
    const code = (name: string) => wards.find((w) => w.name === name)!.code;
    const m = matchWardNames(
      [
        { ward: 'ST PETERS', count: 4 },
        { ward: "St. Peter's", count: 1 },
        { ward: 'Westgate on Sea', count: 2 },
        { ward: 'cliffsend & pegwell', count: 3 },
        { ward: code('Viking').toLowerCase(), count: 5 },
        { ward: 'Margate Central', count: 6 },
        { ward: 'Ramsgate Harbour', count: 7 },
        { ward: 'Unknown', count: 2 },
        { ward: 'Unknown', count: 1 },
      ],
      wards,
    );
    expect(Object.fromEntries([...m.byCode].map(([c, n]) => [wards.find((w) => w.code === c)!.name, n]))).toEqual({
      'St Peters': 5,
      'Westgate-on-Sea': 2,
      'Cliffsend and Pegwell': 3,
      Viking: 5,
      'Margate Central': 6,
    });
    expect(m.unmatched).toEqual([
      { ward: 'Ramsgate Harbour', count: 7 },
      { ward: 'Unknown', count: 3 },
    ]);
  });

  it("every ward name of the sample's fire return is a 2025 ward of Thanet", () => {
    const text = readFileSync(path.resolve(import.meta.dirname, '../../data-samples/fire/deliberate-fires-by-ward.csv'), 'utf8');
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map((c) => ({ ward: c[1]!, count: Number(c[3]) }));
    const m = matchWardNames(rows, layer(FILES.thanetWards, 'ward').areas);
    expect(m.unmatched).toEqual([]);
    expect(m.byCode.size).toBe(23);
  });

  it('wardKey', () => {
    expect(wardKey("St. Peter's")).toBe(wardKey('ST PETERS'));
    expect(wardKey('Sir Moses Montefiore')).toBe('sirmosesmontefiore');
  });
});
