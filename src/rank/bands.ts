/**
 * The band of a raw value: 1 below the first threshold, one more for each threshold reached.
 * A value exactly at a threshold takes the higher band.
 */
export function bandFor(raw: number, thresholds: readonly number[]): number {
  let band = 1;
  for (const t of thresholds) if (raw >= t) band++;
  return band;
}
