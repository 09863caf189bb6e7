import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { cli, readAssessment, ROOT, type ValidationJson } from './helpers.js';

/**
 * The real Kent files of Jan–Apr 2024 (test/fixtures/realdata) as a partnership receives them
 * in real life: a month downloaded twice, a download cut short, a Crime ID repeated in the
 * next month's file. Clean, they hold 60,021 rows, 4 of them repeated Crime IDs.
 */
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'realdata');
const MONTHS = path.join(FIXTURE, 'kent-street-2024-01_2024-04');
const file = (month: string) => `${month}-kent-street.csv`;

/** A copy of the real workspace whose police files are `police/*.csv*`, changed by `edit`. */
function realWorkspace(edit: (police: string) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'csp-real-'));
  cpSync(MONTHS, path.join(dir, 'police'), { recursive: true });
  cpSync(path.join(FIXTURE, 'population-by-district.csv'), path.join(dir, 'population-by-district.csv'));
  const yaml = readFileSync(path.join(FIXTURE, 'csp.yaml'), 'utf8').replace('files: kent-street-2024-01_2024-04/*-kent-street.csv', 'files: police/*.csv*');
  writeFileSync(path.join(dir, 'csp.yaml'), yaml);
  edit(path.join(dir, 'police'));
  return dir;
}

async function validate(dir: string) {
  const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet']);
  return { code: r.code, json: JSON.parse(r.stdout) as ValidationJson };
}

describe('a month delivered twice', () => {
  it('a byte-identical copy ("(1).csv") is read once, with a warning naming both files', async () => {
    const dir = realWorkspace((p) => cpSync(path.join(p, file('2024-02')), path.join(p, '2024-02-kent-street (1).csv')));
    const { code, json } = await validate(dir);
    expect(code).toBe(0);
    const police = json.sources[0]!;
    expect(police.rowsRead).toBe(60021);
    expect(police.rowsAccepted).toBe(60017);
    expect(police.files.map((f) => [f.path, f.rowsRead, f.duplicateOf ?? null])).toEqual([
      ['police/2024-01-kent-street.csv', 14466, null],
      ['police/2024-02-kent-street.csv', 13953, null],
      ['police/2024-03-kent-street.csv', 15875, null],
      ['police/2024-04-kent-street.csv', 15727, null],
      ['police/2024-02-kent-street (1).csv', 0, 'police/2024-02-kent-street.csv'],
    ]);
    expect(json.warnings).toContainEqual(
      expect.objectContaining({
        message:
          'police/2024-02-kent-street (1).csv is a byte-identical copy of police/2024-02-kent-street.csv (same SHA-256): only police/2024-02-kent-street.csv is read',
      }),
    );
  });

  it('a .csv and its .csv.gz of one month: exit 2, naming both', async () => {
    const dir = realWorkspace((p) => writeFileSync(path.join(p, `${file('2024-03')}.gz`), gzipSync(readFileSync(path.join(p, file('2024-03'))))));
    const { code, json } = await validate(dir);
    expect(code).toBe(2);
    expect(json.errors).toEqual([
      expect.objectContaining({
        message:
          'police/2024-03-kent-street.csv and police/2024-03-kent-street.csv.gz both hold the Kent street file of March 2024: read together, March 2024 would be counted twice',
        file: 'police/2024-03-kent-street.csv.gz',
        key: 'sources.police.files',
      }),
    ]);
  });
});

/** March as a .csv.gz holding `bytes` (made from its .csv), in place of the .csv. */
function marchAsGz(p: string, bytes: (csv: Buffer) => Buffer): void {
  writeFileSync(path.join(p, `${file('2024-03')}.gz`), bytes(readFileSync(path.join(p, file('2024-03')))));
  rmSync(path.join(p, file('2024-03')));
}

describe('a download cut short', () => {
  for (const share of [0.5, 0.95]) {
    it(`a .csv.gz cut at ${share * 100}%: exit 2 naming the file, and none of it counted`, async () => {
      const dir = realWorkspace((p) =>
        marchAsGz(p, (csv) => {
          const gz = gzipSync(csv);
          return gz.subarray(0, Math.floor(gz.length * share));
        }),
      );
      const { code, json } = await validate(dir);
      expect(code).toBe(2);
      expect(json.errors).toEqual([
        expect.objectContaining({
          message: 'the gzip file is damaged or cut short (unexpected end of file), so only part of it could be read; none of it is used',
          file: 'police/2024-03-kent-street.csv.gz',
        }),
      ]);
      const cut = json.sources[0]!.files.find((f) => f.path.endsWith('.gz'));
      expect(cut).toMatchObject({ rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 });
      expect(json.sources[0]!.months).toEqual(['2024-01', '2024-02', '2024-04']);
    });
  }

  it('a plain CSV named .gz: exit 2, saying it is not gzip-compressed', async () => {
    const dir = realWorkspace((p) => marchAsGz(p, (csv) => csv));
    const { code, json } = await validate(dir);
    expect(code).toBe(2);
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: 'the file is named .gz but is not gzip-compressed: rename it without .gz if it is a plain CSV, or compress it with gzip',
        file: 'police/2024-03-kent-street.csv.gz',
      }),
    ]);
  });

  it('a whole .csv.gz is read like the .csv (the same 15,875 rows)', async () => {
    const dir = realWorkspace((p) => marchAsGz(p, (csv) => gzipSync(csv)));
    const { code, json } = await validate(dir);
    expect(code).toBe(0);
    expect(json.sources[0]!.rowsRead).toBe(60021);
    expect(json.sources[0]!.files[2]).toMatchObject({ path: 'police/2024-03-kent-street.csv.gz', rowsRead: 15875, rowsAccepted: 15875 });
  });
});

describe("a Crime ID repeated in the next month's file", () => {
  it('is kept once, and the repeat names both files and lines', async () => {
    const dir = realWorkspace((p) => {
      // January's line 3 (a vehicle crime in Ashford 001B) again at the end of February's file.
      const line3 = readFileSync(path.join(p, file('2024-01')), 'utf8')
        .split('\n')[2]!
        .replace(',2024-01,', ',2024-02,');
      appendFileSync(path.join(p, file('2024-02')), `${line3}\n`);
    });
    const { code, json } = await validate(dir);
    expect(code).toBe(0);
    const police = json.sources[0]!;
    expect([police.rowsRead, police.rowsAccepted, police.rowsRejected]).toEqual([60022, 60017, 5]);
    const across = police.rejects.find((r) => r.code === 'id-in-earlier-file');
    expect(across).toEqual({
      reason: 'Crime ID already read in an earlier file: the first row with this ID is kept',
      code: 'id-in-earlier-file',
      column: 'Crime ID',
      rows: 1,
      examples: [
        {
          file: 'police/2024-02-kent-street.csv',
          line: 13955,
          value: 'c7ed453ddea7e2d192d34382de459f1bd94e04b32b8cd1f374b1a6ae99015609 (first read in police/2024-01-kent-street.csv line 3)',
        },
      ],
    });
  });
});

describe('a window outside the data', () => {
  it('assess --period 2030-01..2030-12: exit 2 with one message saying which months the data covers', async () => {
    const dir = realWorkspace(() => undefined);
    const out = path.join(dir, 'out');
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--period', '2030-01..2030-12', '--out', out, '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '✖ --period: the window Jan–Dec 2030, compared with Jan–Dec 2029, is after the last month of police data; the data of source "police" covers Jan–Apr 2024',
    );
    expect(r.stderr).toContain('e.g. --period 2024-03..2024-04');
    expect(r.stderr.match(/✖/g)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/significant|no district population/);
    expect(existsSync(path.join(out, 'assessment.json'))).toBe(false);
  });

  it("validate says the same of csp.yaml's period.end left at today's month", async () => {
    const dir = realWorkspace(() => undefined);
    const yaml = path.join(dir, 'csp.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('  end: 2024-04', '  end: 2026-12'));
    const { code, json } = await validate(dir);
    expect(code).toBe(2);
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: 'the window Nov–Dec 2026, compared with Sep–Oct 2026, is after the last month of police data; the data of source "police" covers Jan–Apr 2024',
        key: 'period',
        hint: expect.stringContaining('set period.end to 2024-04 in csp.yaml, or pass --period 2024-03..2024-04'),
      }),
    ]);
  });
});

describe('line endings DuckDB cannot take as they are', () => {
  const crlfTo = (p: string, month: string, to: (text: Buffer) => Buffer) =>
    writeFileSync(path.join(p, file(month)), to(readFileSync(path.join(p, file(month)))));
  it('CR-only line endings (old Mac Excel) in every month: the same 60,021 rows and the same 4 repeats at their lines', async () => {
    const dir = realWorkspace((p) => {
      for (const m of ['2024-01', '2024-02', '2024-03', '2024-04']) crlfTo(p, m, (b) => Buffer.from(b.toString('latin1').replaceAll('\r\n', '\r'), 'latin1'));
    });
    const { code, json } = await validate(dir);
    expect(code).toBe(0);
    const police = json.sources[0]!;
    expect([police.rowsRead, police.rowsAccepted, police.rowsRejected]).toEqual([60021, 60017, 4]);
    expect(police.rejects[0]!.examples.map((e) => e.line)).toEqual([3484, 12040, 14367]);
  });

  it('CR CR LF on one line near the end of February (past the first 64 KB): read, not a crash', async () => {
    const dir = realWorkspace((p) =>
      crlfTo(p, '2024-02', (b) => {
        const at = b.lastIndexOf('\r\n', b.length - 3);
        return Buffer.concat([b.subarray(0, at), Buffer.from('\r\r\n'), b.subarray(at + 2)]);
      }),
    );
    const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet']);
    expect(r.stderr).not.toContain('Unexpected error');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sources[0].rowsRead).toBe(60021);
  });
});

describe('populations and districts', () => {
  async function assess(dir: string) {
    const out = path.join(dir, 'out');
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--out', out, '--format', 'html', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return readAssessment(out);
  }
  const clean = realWorkspace(() => undefined);

  it('a population row for a year after the window is not used: the year nearest the window is, and said with its age', async () => {
    const dir = realWorkspace(() => undefined);
    appendFileSync(path.join(dir, 'population-by-district.csv'), 'Thanet,district,2030,999999\n');
    const a = await assess(dir);
    expect(a.area).toMatchObject({ population: 136809, populationYear: 2017 });
    expect(a.dataQuality.find((f) => f.id === 'population-year')).toMatchObject({
      severity: 'warning',
      message: 'district populations are for 2017, 7 years before the window ends (2024); rows for 2030 are after the window and not used',
    });
    expect(a.allCrime.ratePer1000).toBe((await assess(clean)).allCrime.ratePer1000);
  });

  it('a district with a population but no rows at all is no data, not last with 0; a mistyped population name is named with did-you-mean', async () => {
    const dir = realWorkspace(() => undefined);
    const yaml = path.join(dir, 'csp.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('    - name: Tunbridge Wells', '    - name: Tunbridge Wells\n    - name: Hastings'));
    const pop = path.join(dir, 'population-by-district.csv');
    writeFileSync(pop, `${readFileSync(pop, 'utf8').replace('Tunbridge Wells,', 'Tunbrige Wells,')}Hastings,district,2017,92000\n`);
    const [a, base] = [await assess(dir), await assess(clean)];
    const hastings = a.comparators.find((c) => c.area === 'Hastings');
    expect(hastings).toMatchObject({ current: null, previous: null, ratePer1000: null, rank: null });
    expect(a.dataQuality.find((f) => f.id === 'no-data-hastings')).toMatchObject({
      message: 'Hastings is in geography.districts but has no rows at all in police',
      effect: 'Hastings is shown as no data, not as no crime: it has no rate and no rank, and the force average leaves it out',
    });
    expect(a.dataQuality.find((f) => f.id === 'population-unknown-district-tunbrige-wells')).toMatchObject({
      message: 'the population file names a district "Tunbrige Wells" that is not in geography.districts (did you mean "Tunbridge Wells"?)',
    });
    expect(a.dataQuality.find((f) => f.id === 'population-missing')!.message).toBe('no district population for Tunbridge Wells');
    // Without Tunbridge Wells' population the force average is over 12 districts, and none has a rank below 12.
    expect(a.allCrime.rankOf).toBe(12);
    expect(Math.max(...a.comparators.filter((c) => c.group === 'force').map((c) => c.rank ?? 0))).toBe(12);
    expect(base.allCrime.rankOf).toBe(13);
  });
});

describe('names that match nothing', () => {
  it('a theme category with a typo ("Shop lifting") is an error naming the category to use; an old category is a warning', async () => {
    const dir = realWorkspace(() => undefined);
    const yaml = path.join(dir, 'csp.yaml');
    writeFileSync(
      yaml,
      readFileSync(yaml, 'utf8').replace(
        'output:',
        `  - id: shoplifting
    name: Shoplifting
    categories:
      police: [Shop lifting]
  - id: disorder
    name: Public disorder
    categories:
      police: [Public order, Public disorder and weapons]
output:`,
      ),
    );
    const { code, json } = await validate(dir);
    expect(code).toBe(2);
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: 'theme "shoplifting" names the category "Shop lifting", which police does not have: did you mean "Shoplifting"?',
        key: 'themes.2.categories.police',
      }),
    ]);
    expect(json.warnings).toContainEqual(
      expect.objectContaining({
        message: 'theme "disorder" names the category "Public disorder and weapons", which no row of police has',
        key: 'themes.3.categories.police',
      }),
    );
  });
});

describe('the archive data.police.uk gives', () => {
  it('files: police/*.zip reads the street files of each YYYY-MM/ folder and leaves outcomes and stop and search', async () => {
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    for (const m of ['2024-01', '2024-02', '2024-03', '2024-04']) {
      zip.file(`${m}/${file(m)}`, readFileSync(path.join(MONTHS, file(m))));
      zip.file(`${m}/${m}-kent-outcomes.csv`, 'Crime ID,Month,Outcome type\nx,2024-01,Unable to prosecute suspect\n');
    }
    zip.file('2024-04/2024-04-kent-stop-and-search.csv', 'Type,Date\nPerson search,2024-04-01\n');
    const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const dir = realWorkspace((p) => {
      for (const m of ['2024-01', '2024-02', '2024-03', '2024-04']) rmSync(path.join(p, file(m)));
      writeFileSync(path.join(p, 'kent-2024.zip'), archive);
    });
    const yaml = path.join(dir, 'csp.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('files: police/*.csv*', 'files: police/*.zip'));
    const { code, json } = await validate(dir);
    expect(code).toBe(0);
    const police = json.sources[0]!;
    expect([police.rowsRead, police.rowsAccepted, police.rowsRejected]).toEqual([60021, 60017, 4]);
    expect(police.files.map((f) => [f.path, f.rowsRead])).toEqual([
      ['police/kent-2024.zip/2024-01/2024-01-kent-street.csv', 14466],
      ['police/kent-2024.zip/2024-02/2024-02-kent-street.csv', 13953],
      ['police/kent-2024.zip/2024-03/2024-03-kent-street.csv', 15875],
      ['police/kent-2024.zip/2024-04/2024-04-kent-street.csv', 15727],
    ]);
    // Each extracted file's SHA-256 is the file's own, as downloaded alone.
    expect(police.files[0]!.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(path.join(MONTHS, file('2024-01'))))
        .digest('hex'),
    );
    expect(police.rejects[0]!.examples[0]).toMatchObject({ file: 'police/kent-2024.zip/2024-01/2024-01-kent-street.csv', line: 3484 });
    expect(json.warnings).toContainEqual(
      expect.objectContaining({
        message: 'police/kent-2024.zip: 4 street file(s) read; 5 other file(s) not read (outcomes and stop and search are not part of the assessment)',
      }),
    );
  });

  it('an archive cut short, or with no street files: exit 2 naming it', async () => {
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('2024-01/2024-01-kent-outcomes.csv', 'Crime ID,Month\nx,2024-01\n');
    const outcomesOnly = await zip.generateAsync({ type: 'nodebuffer' });
    const dir = realWorkspace((p) => {
      writeFileSync(path.join(p, 'outcomes.zip'), outcomesOnly);
      writeFileSync(path.join(p, 'cut.zip'), outcomesOnly.subarray(0, 40));
    });
    const yaml = path.join(dir, 'csp.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('files: police/*.csv*', 'files: [police/*.csv, police/*.zip]'));
    const { code, json } = await validate(dir);
    expect(code).toBe(2);
    expect(json.errors.map((e) => [e.file, e.message.replace(/ \(.*\)$/, '')])).toEqual([
      ['police/cut.zip', 'the file cannot be read as a zip archive'],
      ['police/outcomes.zip', 'the archive holds no data.police.uk street files (-street.csv), only 1 other file(s) such as 2024-01/2024-01-kent-outcomes.csv'],
    ]);
  });
});

describe('a month cut short in the real files', () => {
  it('March at half its rows is found partial, and the change is measured on April against February', async () => {
    const dir = realWorkspace((p) => {
      const lines = readFileSync(path.join(p, file('2024-03')), 'utf8').split('\r\n');
      writeFileSync(path.join(p, file('2024-03')), `${lines.slice(0, 1 + 7937).join('\r\n')}\r\n`);
    });
    const { json } = await validate(dir);
    expect(json.sources[0]!.partialMonths.map((m) => m.month)).toEqual(['2024-03']);
    expect(json.sources[0]!.asbPartialMonths.map((m) => m.month)).toEqual(['2024-03']);
    const out = path.join(dir, 'out');
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--out', out, '--format', 'html', '--quiet']);
    expect(r.code).toBe(0);
    const a = readAssessment(out);
    // Thanet's crimes, counted with Python's csv module (repeated Crime IDs once, ASB left out):
    // January 1,018, February 1,072, April 1,295. March and January are left out of the comparison.
    expect(a.allCrime.previous).toBe(1018 + 1072);
    expect(a.allCrime.comparable).toMatchObject({
      gaps: [{ month: '2024-03', why: 'partly published' }],
      excludedMonths: ['2024-01', '2024-03'],
      months: 1,
      current: 1295,
      previous: 1072,
      change: 223,
      changePct: 20.8,
      significance: 'significant increase',
    });
    expect(a.allCrime.summary).toContain(
      'March 2024 was only partly published, so the totals are not like for like: comparable months leave out January 2024 and March 2024. On comparable months, the change is +223 (+20.8%: 1,295 against 1,072), a statistically significant increase (p < 0.001).',
    );
    expect(a.themes.find((t) => t.id === 'asb')!.comparable!.excludedMonths).toEqual(['2024-01', '2024-03']);
  });
});
