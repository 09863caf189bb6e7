import { count, rate } from '../../core/words.js';

/**
 * ColorBrewer's OrRd, light to dark, for 1 to 5 classes: sequential, safe for the common
 * colour-vision deficiencies, and legible in greyscale print (colorbrewer2.org marks it so).
 */
const OR_RD: Record<number, string[]> = {
  1: ['#e34a33'],
  2: ['#fdcc8a', '#e34a33'],
  3: ['#fee8c8', '#fdbb84', '#e34a33'],
  4: ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'],
  5: ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'],
};

export const MAX_CLASSES = 5;

export interface MapClass {
  /** The lowest and highest figure of the class, as printed. */
  min: number;
  max: number;
  colour: string;
  /** "12.3–25.0", or "12.3" for a class of one value. */
  label: string;
  areas: number;
}

export interface Classes {
  classes: MapClass[];
  /** The class of a figure (rounded as printed first), or -1 for none (no figures at all). */
  classOf: (value: number) => number;
  /** A figure as printed: 1 decimal for rates, whole numbers for counts. */
  format: (value: number) => string;
}

/**
 * Quantile classes (up to five of about equal numbers of areas) of the figures as printed, so
 * that an area's colour is the class its printed figure is in, and each class's range is the
 * lowest to the highest figure in it: ranges never overlap, and a gap between two classes is a
 * range no area has. Ties stay together (a class can hold more than a fifth); classes left
 * empty by ties are dropped, and the colours are ColorBrewer's for the number that remain.
 */
export function quantileClasses(values: readonly number[], o: { decimals: 0 | 1; classes?: number }): Classes {
  const scale = o.decimals === 1 ? 10 : 1;
  const printed = (v: number) => Math.round(v * scale) / scale;
  const format = (v: number) => (o.decimals === 1 ? rate(printed(v)) : count(printed(v)));
  const sorted = values.map(printed).sort((a, b) => a - b);
  const k = Math.max(1, Math.min(o.classes ?? MAX_CLASSES, MAX_CLASSES));
  // A value at a threshold opens the class above it.
  const thresholds = [...new Set(Array.from({ length: k - 1 }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / k)]!))].filter(
    (t) => sorted.length > 0 && t > sorted[0]!,
  );
  const rawClassOf = (v: number) => thresholds.filter((t) => printed(v) >= t).length;
  const members: number[][] = Array.from({ length: thresholds.length + 1 }, () => []);
  for (const v of sorted) members[rawClassOf(v)]!.push(v);
  const kept = members.map((m, i) => ({ m, i })).filter(({ m }) => m.length > 0);
  const colours = OR_RD[Math.max(1, kept.length)]!;
  const classes = kept.map(({ m }, j) => ({
    min: m[0]!,
    max: m.at(-1)!,
    colour: colours[j]!,
    label: m[0] === m.at(-1) ? format(m[0]!) : `${format(m[0]!)}–${format(m.at(-1)!)}`,
    areas: m.length,
  }));
  const index = new Map(kept.map(({ i }, j) => [i, j]));
  return { classes, classOf: (v) => index.get(rawClassOf(v)) ?? -1, format };
}
