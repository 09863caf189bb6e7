/** Disclosure control for public documents (numbers themselves are written by core/words). */
import { count } from '../core/words.js';

/**
 * Disclosure control: in public documents a count below the threshold for a sensitive theme
 * is printed as "fewer than N", and so is anything that would let a reader work it out
 * (its change, rate and the percentage change).
 */
export class Disclosure {
  constructor(
    readonly publicDocument: boolean,
    readonly threshold: number,
  ) {}

  /** Whether a count of a sensitive theme must be hidden. */
  hides(value: number | null, sensitive: boolean): boolean {
    return this.publicDocument && sensitive && value !== null && value > 0 && value < this.threshold;
  }

  count(value: number | null, sensitive: boolean): string {
    return this.hides(value, sensitive) ? `fewer than ${this.threshold}` : count(value);
  }
}
