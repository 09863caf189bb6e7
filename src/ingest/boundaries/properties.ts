import type { BoundaryLevel } from './types.js';

/**
 * The ONS names of code properties, by level: LSOA21CD, LSOA11CD (and lsoa11cd in older
 * files), WD25CD, WD23CD…; names are the same with NM (the Welsh names end NMW). Other levels
 * are known only to say "this file holds wards" when LSOAs were asked for, and so on.
 */
const CODE_PROPERTY: Record<string, RegExp> = {
  lsoa: /^lsoa(\d{2})cd$/i,
  ward: /^wd(\d{2})cd$/i,
  msoa: /^msoa(\d{2})cd$/i,
  'output area': /^oa(\d{2})cd$/i,
  'local authority district': /^(lad|ltla)(\d{2})cd$/i,
  county: /^(cty|ctyua|utla)(\d{2})cd$/i,
};

/** GSS codes by level: E01/W01 are LSOAs, E05/W05 wards, E02 MSOAs, E00 output areas, E06–E09/W06 districts. */
const CODE_PATTERN: Record<string, RegExp> = {
  lsoa: /^[EW]01\d{6}$/,
  ward: /^[EW]05\d{6}$/,
  msoa: /^[EW]02\d{6}$/,
  'output area': /^[EW]00\d{6}$/,
  'local authority district': /^[EW]0[6-9]\d{6}$/,
  county: /^E10\d{6}$/,
};

/** The word for a level in messages: "LSOAs", "wards". */
export const levelWords = (level: string): string => (level === 'lsoa' ? 'LSOAs' : level === 'msoa' ? 'MSOAs' : `${level}s`);

/** The level a GSS code is of (E01… → lsoa), or undefined for a code of no level csp knows. */
export function levelOfCode(code: string): string | undefined {
  return Object.entries(CODE_PATTERN).find(([, re]) => re.test(code))?.[0];
}

/** The two-digit year in a property name as a year: LSOA21CD → 2021; 1991–2090. */
function yearOf(property: string, level: string): number | null {
  const m = CODE_PROPERTY[level]?.exec(property);
  const yy = m ? Number(m[m.length - 1]) : NaN;
  if (!Number.isFinite(yy)) return null;
  return yy > 90 ? 1900 + yy : 2000 + yy;
}

export interface FoundProperties {
  code: string;
  name: string | null;
  year: number | null;
}

/** What `findProperties` could not do, for the reader to say with the file and key. */
export type PropertyProblem =
  | { kind: 'missing'; property: string; role: 'code' | 'name'; present: string[] }
  | { kind: 'other-level'; found: string; property: string }
  | { kind: 'none'; present: string[] };

/**
 * The code and name properties of a level among a file's property names (those of its
 * features, in order of first appearance): the ones csp.yaml names, else the ONS names. Of
 * several years (a lookup file with LSOA11CD and LSOA21CD), the latest is taken.
 * `ids` says the features carry ids (TopoJSON often puts the code there): `id` then stands
 * for the feature id, found when no property is and the ids are codes of the level.
 */
export function findProperties(
  present: readonly string[],
  o: { level: BoundaryLevel; codeProperty?: string; nameProperty?: string; idsAreCodes?: boolean },
): FoundProperties | PropertyProblem {
  const code = o.codeProperty ?? autoCode(present, o.level) ?? (o.idsAreCodes ? 'id' : undefined);
  if (o.codeProperty && o.codeProperty !== 'id' && !present.includes(o.codeProperty)) {
    return { kind: 'missing', property: o.codeProperty, role: 'code', present: [...present] };
  }
  if (o.nameProperty && !present.includes(o.nameProperty)) return { kind: 'missing', property: o.nameProperty, role: 'name', present: [...present] };
  if (code === undefined) {
    for (const [level, re] of Object.entries(CODE_PROPERTY)) {
      const found = present.find((p) => re.test(p));
      if (level !== o.level && found) return { kind: 'other-level', found: level, property: found };
    }
    return { kind: 'none', present: [...present] };
  }
  const name = o.nameProperty ?? (code === 'id' ? undefined : present.find((p) => p.toLowerCase() === code.toLowerCase().replace(/cd$/, 'nm')));
  return { code, name: name ?? null, year: yearOf(code, o.level) };
}

function autoCode(present: readonly string[], level: BoundaryLevel): string | undefined {
  const re = CODE_PROPERTY[level]!;
  return present.filter((p) => re.test(p)).sort((a, b) => (yearOf(b, level) ?? 0) - (yearOf(a, level) ?? 0) || (a < b ? -1 : 1))[0];
}

/**
 * The level most of a file's codes are of, when it is another than the one asked for: a file
 * named as LSOAs whose codeProperty holds ward codes. Undefined when the codes are of the level,
 * of no level csp knows (a partnership's own codes), or mixed.
 */
export function otherLevelOfCodes(codes: readonly string[], level: BoundaryLevel): string | undefined {
  const counts = new Map<string, number>();
  for (const c of codes) {
    const l = levelOfCode(c);
    if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  if ((counts.get(level) ?? 0) > 0) return undefined;
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  return top && top[1] > codes.length / 2 ? top[0] : undefined;
}
