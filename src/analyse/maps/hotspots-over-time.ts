/**
 * Hotspots over time: each area (LSOA) classed as a persistent, emerging or former hotspot, or
 * none, by comparing windows of the same length: the current one, the previous one, and the
 * one before that where the data covers it.
 *
 * The rule, in plain words:
 * - An area is a hotspot in a window when its share of the whole area's count in that window
 *   is at least twice the average area's share (that is, at least 2 ÷ the number of areas:
 *   2.33% of the count for Thanet's 86 LSOAs), and it had at least 10 incidents there.
 *   Shares, not counts, so that a fall or rise everywhere does not make or unmake hotspots;
 *   the minimum count so that an area with 3 of the 40 incidents of a rare crime is not one.
 * - persistent: a hotspot in the current window and in at least one earlier window.
 * - emerging: a hotspot in the current window and in no earlier window.
 * - former: not a hotspot in the current window, but a hotspot in an earlier one.
 * - none: a hotspot in no window.
 * Without the previous window (the data starts within it), areas are not classed at all.
 */

export type HotspotClass = 'persistent' | 'emerging' | 'former' | 'none';

export interface HotspotRule {
  /** A hotspot's share is at least this many times the average area's share. */
  factor: number;
  /** …and its count in the window at least this. */
  minCount: number;
}

export const DEFAULT_HOTSPOT_RULE: HotspotRule = { factor: 2, minCount: 10 };

export interface HotspotTrend {
  area: string;
  class: HotspotClass;
  /** Per window, current first: the area's count, its share of the whole area's count (%), whether it was a hotspot; null for a window the data does not cover. */
  windows: ({ count: number; sharePct: number; hotspot: boolean } | null)[];
}

export interface HotspotsOverTime {
  rule: HotspotRule;
  /** How many windows were compared (2 or 3). */
  windows: number;
  /** The share a hotspot needs in each window, %: factor ÷ areas. */
  thresholdPct: number;
  /** Persistent first, then emerging, former and none; within a class, the highest current share first. */
  areas: HotspotTrend[];
}

const ORDER: HotspotClass[] = ['persistent', 'emerging', 'former', 'none'];

/**
 * Classes every area of `areas` (all of the partnership's areas, with or without incidents:
 * the average share is over all of them) from its counts in each window, current first:
 * `windows[i]` maps an area to its count, an area absent from it having none; null (or no
 * entry) for a window the data does not cover. Null when the previous window is not covered.
 */
export function hotspotsOverTime(
  areas: readonly string[],
  windows: readonly (ReadonlyMap<string, number> | null)[],
  rule: HotspotRule = DEFAULT_HOTSPOT_RULE,
): HotspotsOverTime | null {
  const covered = windows.slice(0, 3);
  if (areas.length === 0 || !covered[0] || !covered[1]) return null;
  const used = covered[2] ? 3 : 2;
  const totals = covered.slice(0, used).map((w) => [...w!.values()].reduce((s, n) => s + n, 0));
  const threshold = rule.factor / areas.length;
  const result = areas.map((area): HotspotTrend => {
    const per = covered.slice(0, used).map((w, i) => {
      const n = w!.get(area) ?? 0;
      const share = totals[i]! > 0 ? n / totals[i]! : 0;
      return { count: n, sharePct: round2(100 * share), hotspot: n >= rule.minCount && share >= threshold };
    });
    const now = per[0]!.hotspot;
    const before = per.slice(1).some((w) => w.hotspot);
    const cls: HotspotClass = now ? (before ? 'persistent' : 'emerging') : before ? 'former' : 'none';
    return { area, class: cls, windows: [...per, ...(used === 2 && windows.length > 2 ? [null] : [])] };
  });
  result.sort((a, b) => ORDER.indexOf(a.class) - ORDER.indexOf(b.class) || b.windows[0]!.count - a.windows[0]!.count || (a.area < b.area ? -1 : 1));
  return { rule, windows: used, thresholdPct: round2(100 * threshold), areas: result };
}

// Two decimals: a share of 2.31% and the bar of 2.33% must not both print as 2.3%.
const round2 = (x: number) => Math.round(x * 100) / 100;
