import type { BoundaryArea } from '../../ingest/boundaries/index.js';

/** A ward as a partner's export names it (council ASB, fire), with its count. */
export interface PartnerWard {
  ward: string;
  count: number;
}

export interface WardNameMatch {
  /** Ward code → the count of the rows that name it. */
  byCode: Map<string, number>;
  /** Names that are no ward of the file, most rows first: the finding. */
  unmatched: PartnerWard[];
}

/**
 * "St. Peter's", "ST PETERS" and "St Peters" are one ward: partners' exports write ward names
 * in capitals, with or without apostrophes, full stops, "&" for "and", hyphens or spaces.
 */
export const wardKey = (name: string): string =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replaceAll(/[^a-z0-9]+/g, '');

/**
 * Partners' rows by ward (name or GSS code) matched to the wards of the boundary file, for
 * the maps by ward: by code first, then by name as `wardKey` writes it. Rows of a name that is
 * no ward of the file (a ward renamed at the last boundary review, or a typing slip) are
 * listed, with their rows, for a finding: they are in the figures but on no map.
 */
export function matchWardNames(rows: readonly PartnerWard[], wards: readonly BoundaryArea[]): WardNameMatch {
  const byCodeIn = new Map(wards.map((w) => [w.code.toUpperCase(), w.code]));
  const byName = new Map<string, string>();
  for (const w of wards) if (w.name) byName.set(wardKey(w.name), w.code);
  const byCode = new Map<string, number>();
  const missed = new Map<string, number>();
  for (const r of rows) {
    const code = byCodeIn.get(r.ward.trim().toUpperCase()) ?? byName.get(wardKey(r.ward));
    if (code) byCode.set(code, (byCode.get(code) ?? 0) + r.count);
    else missed.set(r.ward, (missed.get(r.ward) ?? 0) + r.count);
  }
  const unmatched = [...missed].map(([ward, count]) => ({ ward, count })).sort((a, b) => b.count - a.count || (a.ward < b.ward ? -1 : 1));
  return { byCode, unmatched };
}
