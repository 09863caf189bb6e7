/**
 * Random damage to real police files, as line edits on the text (the files have no quoted
 * fields, so a row is a line and a field is what lies between commas: checked). The recount
 * then reads the damaged files with csv-parse, as csp reads them with DuckDB.
 */
import fc from 'fast-check';

/**
 * Positions are fractions of the file's rows (in 1/10,000ths: fc.double favours values near 0
 * far too much for positions), so one mutation fits any file length.
 */
const at = fc.integer({ min: 0, max: 9_999 }).map((i) => i / 10_000);
const file = (files: number) => fc.integer({ min: 0, max: files - 1 });

export type Mutation =
  /** A data row copied to any place in any file (the same file, an earlier or a later one). */
  | { kind: 'duplicate'; from: number; row: number; to: number; place: number }
  /** A slice of rows removed (up to half a file: the month stays, but may read as partly published). */
  | { kind: 'cut'; file: number; start: number; share: number }
  /** Blank rows (`,,,,,,,,,,,`) inserted together. */
  | { kind: 'blank'; file: number; place: number; count: number }
  /** A row's Month replaced: not a month, or a month after `today`, or another real month. */
  | { kind: 'month'; file: number; row: number; value: string }
  /** A row's Crime type emptied. */
  | { kind: 'no-type'; file: number; row: number }
  /** Spaces around a row's Crime ID, Month, LSOA name and Crime type (csp trims them). */
  | { kind: 'padded'; file: number; row: number };

/**
 * `badMonths`: the Month values to try (see recount-mutations.test.ts): not months, months in
 * the future, and real months of the files (a misdated row).
 */
export function mutationArb(files: number, badMonths: readonly string[]): fc.Arbitrary<Mutation[]> {
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('duplicate' as const), from: file(files), row: at, to: file(files), place: at }),
    fc.record({ kind: fc.constant('cut' as const), file: file(files), start: at, share: fc.integer({ min: 0, max: 50 }).map((p) => p / 100) }),
    fc.record({ kind: fc.constant('blank' as const), file: file(files), place: at, count: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('month' as const), file: file(files), row: at, value: fc.constantFrom(...badMonths) }),
    fc.record({ kind: fc.constant('no-type' as const), file: file(files), row: at }),
    fc.record({ kind: fc.constant('padded' as const), file: file(files), row: at }),
  );
  return fc.array(one, { minLength: 1, maxLength: 8 });
}

/** A blank row, ended as the file's rows are (the real files end their lines with CR LF). */
const blank = (header: string) => `,,,,,,,,,,,${header.endsWith('\r') ? '\r' : ''}`;

/**
 * Applies the mutations to the files' texts (each a header line and data lines). Rows are
 * moved and removed first, then fields are changed. A Month or Crime type is only spoiled on
 * a row whose Crime ID is empty or held by no other row: a refused row holding an ID that a
 * later good row repeats is the one case where csp and the recount part (see
 * recount-edges.test.ts), tested there on its own.
 */
export function mutate(texts: readonly string[], mutations: readonly Mutation[]): string[] {
  const files = texts.map((t) => {
    const [header, ...rows] = t.split('\n');
    if (t.includes('"')) throw new Error('mutate: quoted fields are not handled');
    return { header: header!, rows: rows.filter((r) => r !== '') };
  });
  const cols = files[0]!.header.replace(/\r$/, '').split(',');
  const [cId, cMonth, cName, cType] = ['Crime ID', 'Month', 'LSOA name', 'Crime type'].map((c) => cols.indexOf(c)) as [number, number, number, number];
  const pick = (n: number, f: number) => Math.min(n - 1, Math.floor(f * n));
  const order = (m: Mutation) => (m.kind === 'duplicate' || m.kind === 'cut' || m.kind === 'blank' ? 0 : 1);
  for (const m of [...mutations].sort((a, b) => order(a) - order(b))) {
    if (m.kind === 'duplicate') {
      const from = files[m.from]!.rows;
      const row = from[pick(from.length, m.row)]!;
      const to = files[m.to]!.rows;
      to.splice(Math.floor(m.place * (to.length + 1)), 0, row);
    } else if (m.kind === 'cut') {
      const rows = files[m.file]!.rows;
      const n = Math.floor(m.share * rows.length);
      rows.splice(Math.floor(m.start * (rows.length - n)), n);
    } else if (m.kind === 'blank') {
      const rows = files[m.file]!.rows;
      rows.splice(Math.floor(m.place * (rows.length + 1)), 0, ...Array<string>(m.count).fill(blank(files[m.file]!.header)));
    } else {
      const rows = files[m.file]!.rows;
      const i = pick(rows.length, m.row);
      const f = rows[i]!.split(',');
      if (f.length !== cols.length) continue; // a blank row inserted above: nothing to spoil
      if (m.kind === 'padded') {
        for (const c of [cId, cMonth, cName, cType]) if (f[c] !== '') f[c] = ` ${f[c]} `;
      } else {
        const id = f[cId]!.trim();
        const held = id !== '' && files.some((g) => g.rows.some((r, j) => (g.rows !== rows || j !== i) && r.split(',', cId + 1)[cId]!.trim() === id));
        if (held) continue;
        if (m.kind === 'month') f[cMonth] = m.value;
        else f[cType] = '';
      }
      rows[i] = f.join(',');
    }
  }
  return files.map((f) => `${[f.header, ...f.rows].join('\n')}\n`);
}
