import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileClasses } from '../../src/render/maps/index.js';

describe('quantile classes of a map', () => {
  it('ten values in five classes of two, each labelled from its lowest to its highest value as printed', () => {
    const c = quantileClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { decimals: 0 });
    expect(c.classes.map((x) => [x.label, x.areas, x.colour])).toEqual([
      ['1–2', 2, '#fef0d9'],
      ['3–4', 2, '#fdcc8a'],
      ['5–6', 2, '#fc8d59'],
      ['7–8', 2, '#e34a33'],
      ['9–10', 2, '#b30000'],
    ]);
    expect([1, 2, 3, 10].map(c.classOf)).toEqual([0, 0, 1, 4]);
  });

  it('ties stay together, and classes left empty are dropped (with the colours for the number left)', () => {
    const c = quantileClasses([0, 0, 0, 0, 0, 0, 1, 1, 5, 20], { decimals: 0 });
    expect(c.classes.map((x) => [x.label, x.areas])).toEqual([
      ['0', 6],
      ['1', 2],
      ['5–20', 2],
    ]);
    expect(c.classes.map((x) => x.colour)).toEqual(['#fee8c8', '#fdbb84', '#e34a33']);
  });

  it('rates are classed as printed (1 decimal): 12.34 and 12.26 are both 12.3, in one class', () => {
    const c = quantileClasses([12.34, 12.26, 1, 2, 3, 4, 5, 6, 30.05, 1000], { decimals: 1 });
    expect(c.classOf(12.34)).toBe(c.classOf(12.26));
    expect(c.classes.at(-1)!.label).toBe('30.1–1,000.0');
    expect(c.format(1234.56)).toBe('1,234.6');
  });

  it('no values: no classes; one value: one class', () => {
    expect(quantileClasses([], { decimals: 1 }).classes).toEqual([]);
    expect(quantileClasses([7, 7, 7], { decimals: 0 }).classes.map((x) => x.label)).toEqual(['7']);
  });

  it('any figures: at most five classes, in order, never overlapping, every figure in the one class whose range holds it', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 1, maxLength: 120 }), (values) => {
        const c = quantileClasses(values, { decimals: 1 });
        expect(c.classes.length).toBeLessThanOrEqual(5);
        for (let i = 1; i < c.classes.length; i++) expect(c.classes[i]!.min).toBeGreaterThan(c.classes[i - 1]!.max);
        expect(c.classes.reduce((s, x) => s + x.areas, 0)).toBe(values.length);
        for (const v of values) {
          const k = c.classOf(v);
          const printed = Math.round(v * 10) / 10;
          expect(printed).toBeGreaterThanOrEqual(c.classes[k]!.min);
          expect(printed).toBeLessThanOrEqual(c.classes[k]!.max);
        }
      }),
    );
  });
});
