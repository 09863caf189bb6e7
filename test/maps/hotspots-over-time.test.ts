import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hotspotsOverTime } from '../../src/analyse/maps/index.js';

const AREAS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
const counts = (xs: number[]) => new Map(AREAS.map((a, i) => [a, xs[i]!]));
// Ten areas: a hotspot has at least 2 ÷ 10 = 20% of a window's count, and at least 10 incidents.
//                        A   B   C   D   E   F  G  H  I  J
const current = counts([30, 25, 5, 5, 20, 5, 5, 5, 0, 0]); // total 100
const previous = counts([15, 5, 12, 4, 4, 4, 2, 2, 1, 1]); // total 50
const before = counts([10, 2, 3, 10, 10, 9, 2, 2, 1, 1]); // total 50

describe('hotspots over time (hand-computed)', () => {
  it('three windows: persistent, emerging, former and none, persistent first', () => {
    const h = hotspotsOverTime(AREAS, [current, previous, before])!;
    expect(h.windows).toBe(3);
    expect(h.thresholdPct).toBe(20);
    expect(h.areas.map((a) => `${a.area} ${a.class}`)).toEqual([
      'A persistent', // 30%, 30%, 20%
      'E persistent', // 20% (the threshold counts), 8%, 20%: a hotspot again
      'B emerging', // 25%, 10%, 4%
      'C former', // 5%, 24%: a hotspot in the previous window
      'D former', // 5%, 8%, 20%: in the one before
      'F none',
      'G none',
      'H none',
      'I none',
      'J none',
    ]);
    expect(h.areas[0]!.windows).toEqual([
      { count: 30, sharePct: 30, hotspot: true },
      { count: 15, sharePct: 30, hotspot: true },
      { count: 10, sharePct: 20, hotspot: true },
    ]);
  });

  it('two windows (the data does not cover the one before): D is no longer former, E is emerging', () => {
    const h = hotspotsOverTime(AREAS, [current, previous, null])!;
    expect(h.windows).toBe(2);
    const cls = Object.fromEntries(h.areas.map((a) => [a.area, a.class]));
    expect(cls).toMatchObject({ A: 'persistent', B: 'emerging', C: 'former', D: 'none', E: 'emerging' });
    expect(h.areas[0]!.windows).toHaveLength(3);
    expect(h.areas[0]!.windows[2]).toBeNull();
  });

  it('without the previous window, nothing is classed', () => {
    expect(hotspotsOverTime(AREAS, [current, null, before])).toBeNull();
    expect(hotspotsOverTime(AREAS, [current])).toBeNull();
    expect(hotspotsOverTime([], [current, previous])).toBeNull();
  });

  it('the minimum count: 9 of 10 incidents is not a hotspot, unless the rule asks for fewer', () => {
    const w = new Map([
      ['X', 9],
      ['Y', 1],
    ]);
    expect(hotspotsOverTime(['X', 'Y'], [w, w])!.areas.map((a) => a.class)).toEqual(['none', 'none']);
    expect(hotspotsOverTime(['X', 'Y'], [w, w], { factor: 1.5, minCount: 5 })!.areas.map((a) => `${a.area} ${a.class}`)).toEqual(['X persistent', 'Y none']);
  });

  it('an area with no incidents in a window counts as 0 there, and the average share is over every area given', () => {
    const h = hotspotsOverTime(['A', 'B', 'C', 'D'], [new Map([['A', 12]]), new Map([['B', 12]])])!;
    expect(h.thresholdPct).toBe(50);
    expect(h.areas.map((a) => `${a.area} ${a.class}`)).toEqual(['A emerging', 'B former', 'C none', 'D none']);
  });
});

describe('hotspots over time (properties)', () => {
  const windows = fc.array(fc.array(fc.nat(200), { minLength: 6, maxLength: 6 }), { minLength: 2, maxLength: 3 });
  const areas = ['a', 'b', 'c', 'd', 'e', 'f'];
  const maps = (ws: number[][], k = 1) => ws.map((w) => new Map(areas.map((a, i) => [a, w[i]! * k])));

  it('shares, not counts: every window scaled by the same factor gives the same classes (without a minimum count)', () => {
    fc.assert(
      fc.property(windows, fc.integer({ min: 2, max: 9 }), (ws, k) => {
        const rule = { factor: 2, minCount: 0 };
        const a = hotspotsOverTime(areas, maps(ws), rule)!.areas.map((x) => [x.area, x.class]);
        const b = hotspotsOverTime(areas, maps(ws, k), rule)!.areas.map((x) => [x.area, x.class]);
        expect(b).toEqual(a);
      }),
    );
  });

  it('the order areas are given in does not change any class', () => {
    fc.assert(
      fc.property(windows, (ws) => {
        const forward = hotspotsOverTime(areas, maps(ws))!;
        const backward = hotspotsOverTime([...areas].reverse(), maps(ws))!;
        expect(backward.areas).toEqual(forward.areas);
      }),
    );
  });
});
