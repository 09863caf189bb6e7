import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { binCsp, cli, ROOT, spawnBinCsp, type ValidationJson } from './helpers.js';

const tmp = (p: string) => mkdtempSync(path.join(tmpdir(), p));
const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' };

/** A copy of the sample workspace, to change without touching the committed one. */
function sampleCopy(): string {
  const dir = tmp('csp-ws-');
  cpSync(path.join(ROOT, 'data-samples'), dir, { recursive: true });
  const config = path.join(dir, 'csp.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('dir: ../out', 'dir: out'));
  return dir;
}

function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out[path.relative(dir, path.join(e.parentPath, e.name))] = createHash('sha256')
        .update(readFileSync(path.join(e.parentPath, e.name)))
        .digest('hex');
  }
  return out;
}

describe('an interrupted run', () => {
  it('Ctrl-C mid-run leaves the previous outputs intact and no temporary files behind', async () => {
    const ws = sampleCopy();
    const out = path.join(ws, 'out');
    expect((await binCsp(['assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html', '--quiet'], { env: EPOCH })).code).toBe(0);
    const before = digest(out);
    const privateTmp = tmp('csp-tmpdir-');
    const child = spawnBinCsp(['assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html'], { ...EPOCH, TMPDIR: privateTmp });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Interrupt while the partner files are being read (ingest keeps temporary files then).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted (SIGINT); temporary files removed, earlier outputs kept');
    expect(digest(out)).toEqual(before);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(privateTmp)).toEqual([]);
  });

  it('a failed run (a broken template) changes nothing', async () => {
    const ws = sampleCopy();
    const out = path.join(ws, 'out');
    await binCsp(['assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html', '--quiet'], { env: EPOCH });
    const before = digest(out);
    const templates = path.join(ws, 'templates');
    cpSync(path.join(ROOT, 'templates'), templates, { recursive: true });
    writeFileSync(path.join(templates, 'assessment', 'document.hbs'), '<html>{{no.such.field}}</html>');
    const r = await cli([
      'assess',
      '--config',
      path.join(ws, 'csp.yaml'),
      '--format',
      'html',
      '--templates',
      templates,
      '--period',
      '2024-01..2024-12',
      '--quiet',
    ]);
    expect(r.code).toBe(2);
    expect(digest(out)).toEqual(before); // not even assessment.json, written before the template failed
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('hostile content renders as text and never runs', () => {
  it('HTML, script and {{handlebars}} in partner data and plan text; formulas in tables', async () => {
    const ws = sampleCopy();
    const hostile = [
      '=HYPERLINK("http://evil.example","click")',
      '<script>alert("x")</script>',
      '{{constructor.constructor}}',
      '+cmd',
      '@SUM(A1)',
      'L'.repeat(3000),
    ];
    // Council complaints with hostile categories and a hostile ward name (Windows-1252 file).
    appendFileSync(
      path.join(ws, 'council', 'asb-complaints-2023-2024.csv'),
      Buffer.from(
        hostile.map((h, i) => `H${i},0${i + 1}/03/2024,"${h.replaceAll('"', '""')}","<img src=x onerror=alert(1)>",N,Name,Address,Details\r\n`).join(''),
        'latin1',
      ),
    );
    const config = path.join(ws, 'csp.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'council-asb: [Noise nuisance,',
        `council-asb: [${hostile.map((h) => JSON.stringify(h)).join(', ')}, Noise nuisance,`,
      ),
    );
    appendFileSync(path.join(ws, 'plan.yaml'), '');
    writeFileSync(
      path.join(ws, 'plan.yaml'),
      readFileSync(path.join(ws, 'plan.yaml'), 'utf8').replace(
        '  - More police on foot in the town centre please.',
        `  - "<b>bold</b> {{title}} <script>document.title='pwned'</script>"\n  - More police on foot in the town centre please.`,
      ),
    );
    const assess = await cli(['assess', '--config', config, '--format', 'html', '--period', '2024-01..2024-12', '--quiet'], { env: EPOCH });
    expect(assess.stderr).toBe('');
    expect(assess.code).toBe(0);
    const render = await binCsp(['render-plan', '--config', config, '--format', 'html,pdf', '--quiet'], { env: EPOCH });
    expect(render.code).toBe(0);
    const out = path.join(ws, 'out');
    const assessmentHtml = readFileSync(path.join(out, 'assessment.html'), 'utf8');
    expect(assessmentHtml).not.toMatch(/<script/i);
    expect(assessmentHtml).not.toContain('<img src=x');
    expect(assessmentHtml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(assessmentHtml).toContain('L'.repeat(3000)); // very long text is kept, and wraps (overflow-wrap in the stylesheet)
    expect(assessmentHtml).toContain('{{constructor.constructor}}');
    const planHtml = readFileSync(path.join(out, 'plan.html'), 'utf8');
    expect(planHtml).toContain('&lt;b&gt;bold&lt;/b&gt; {{title}} &lt;script&gt;');
    expect(planHtml).not.toMatch(/<script/i);
    // Spreadsheet formulas in exported tables are neutralised.
    const themes = readFileSync(path.join(out, 'tables', 'themes.csv'), 'utf8');
    // The categories cell of the council measure starts with the formula: it gets an apostrophe.
    expect(themes).toContain(`asb,Anti-social behaviour,council-asb,"'=HYPERLINK(""http://evil.example"",""click""); <script>`);
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, 'tables.xlsx')));
    const sheets = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => f.startsWith('xl/worksheets/'))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(sheets.join('')).not.toContain('<f>');
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).not.toMatch(/<t[^>]*>=HYPERLINK/);
  });

  it('the print page runs no JavaScript and loads nothing: a template that tries is blocked and reported', async () => {
    const ws = sampleCopy();
    const templates = path.join(ws, 'templates');
    cpSync(path.join(ROOT, 'templates'), templates, { recursive: true });
    const file = path.join(templates, 'plan', 'document.hbs');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '<main id="main">',
        '<main id="main"><img src="http://tracker.example.invalid/pixel.png" alt=""><link rel="stylesheet" href="https://cdn.example.invalid/x.css"><script>document.body.innerHTML = "PWNED"</script>',
      ),
    );
    await cli(['assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html', '--quiet'], { env: EPOCH });
    const r = await binCsp(['render-plan', '--config', path.join(ws, 'csp.yaml'), '--templates', templates], { env: EPOCH });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('blocked 2 network request(s) from the documents: http://tracker.example.invalid/pixel.png, https://cdn.example.invalid/x.css');
    const { execFileSync } = await import('node:child_process');
    const text = execFileSync('pdftotext', [path.join(ws, 'out', 'plan.pdf'), '-'], { encoding: 'utf8' });
    expect(text).not.toContain('PWNED');
    expect(text).toContain('Foreword');
  });
});

describe('personal data in partner exports', () => {
  it('columns not mapped (names, addresses, complaint details) reach no output and not the kept database', async () => {
    const ws = sampleCopy();
    const db = path.join(ws, 'kept.duckdb');
    expect((await cli(['assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html', '--db', db, '--quiet'], { env: EPOCH })).code).toBe(0);
    // The council export carries these columns (see data-samples/README.md).
    const header = readFileSync(path.join(ws, 'council', 'asb-complaints-2023-2024.csv'), 'latin1').split('\r\n')[0];
    expect(header).toBe('Case Ref,Date Received,Complaint Type,Ward,Repeat Complainant,Complainant Name,Address,Details');
    const personal = [', Margate', 'Loud music from neighbour', 'Rubbish dumped in the alley', 'Complainant Name'];
    const out = path.join(ws, 'out');
    for (const e of readdirSync(out, { recursive: true, withFileTypes: true }).filter((x) => x.isFile())) {
      const file = path.join(e.parentPath, e.name);
      let text = readFileSync(file, 'latin1');
      if (file.endsWith('.xlsx')) {
        const zip = await JSZip.loadAsync(readFileSync(file));
        text = (
          await Promise.all(
            Object.values(zip.files)
              .filter((f) => !f.dir)
              .map((f) => f.async('string')),
          )
        ).join('');
      }
      for (const p of personal) expect(text.includes(p), `${p} in ${file}`).toBe(false);
    }
    const { Database } = await import('../src/ingest/database.js');
    const kept = await Database.open(db, { keepTables: true });
    try {
      const columns = await kept.all<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' AND NOT internal AND schema_name = 'main'`,
      );
      expect(columns.length).toBeGreaterThan(10);
      for (const c of columns) {
        for (const p of personal) {
          const [hit] = await kept.all<{ n: bigint }>(`SELECT count(*) AS n FROM "${c.table_name}" WHERE "${c.column_name}" LIKE '%' || ? || '%'`, [p]);
          expect(Number(hit!.n), `${p} in ${c.table_name}.${c.column_name}`).toBe(0);
        }
      }
      const tables = (await kept.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary`)).map((t) => t.name).sort();
      // police_points holds data.police.uk's own anonymised map points (public data), by month, category and LSOA.
      expect(tables).toEqual(['actions', 'counts', 'files', 'incidents', 'judgements', 'police_points', 'population', 'rejects', 'survey_responses']);
    } finally {
      kept.close();
    }
  });
});

describe('privacy of rejected rows', () => {
  it('a council row the parser cannot read keeps only the mapped columns in the rejects, never a name or an address', async () => {
    const ws = sampleCopy();
    const csv = path.join(ws, 'council', 'asb-complaints-2023-2024.csv');
    const text = readFileSync(csv, 'latin1');
    // A row with one field too many: Jo Bloggs's address split at an unquoted comma.
    writeFileSync(
      csv,
      text.replace('\r\n', '\r\nASB-99999,02/01/2023,Noise nuisance,Central Harbour,N,Jo Bloggs,12 Acacia Avenue, Margate,Loud party\r\n'),
      'latin1',
    );
    const r = await cli(['validate', '--config', path.join(ws, 'csp.yaml'), '--json', '--quiet']);
    expect(r.code).toBe(0);
    const council = (JSON.parse(r.stdout) as ValidationJson).sources.find((s) => s.id === 'council-asb')!;
    const reject = council.rejects.find((x) => x.reason.startsWith('too many fields'));
    expect(reject!.examples).toEqual([{ file: 'council/asb-complaints-2023-2024.csv', line: 2, value: null }]);
    expect(r.stdout).not.toMatch(/Bloggs|Acacia|Loud party/);
  });
});

describe('links out of the workspace', () => {
  it('a linked file and a linked folder that lead outside are read, named by the link and listed with the full path they lead to', async () => {
    const { symlinkSync, mkdirSync, realpathSync } = await import('node:fs');
    const outside = realpathSync(tmp('csp-outside-'));
    writeFileSync(path.join(outside, 'asb.csv'), 'Ref,Date,Type,Ward\nA1,01/06/2024,Noise,Viking\n');
    const ws = tmp('csp-links-');
    const config = (files: string) =>
      `partnership: {name: T, area: Thanet, force: Kent Police}\nperiod: {end: 2024-12}\ngeography:\n  districts: [{name: Thanet}]\nallCrime: {source: asb}\nsources:\n  asb:\n    kind: records\n    files: ${files}\n    columns: {date: Date, category: Type, area: Ward}\n`;
    symlinkSync(path.join(outside, 'asb.csv'), path.join(ws, 'linked.csv'));
    symlinkSync(outside, path.join(ws, 'shared'));
    mkdirSync(path.join(ws, 'own'));
    writeFileSync(path.join(ws, 'own', 'asb.csv'), 'Ref,Date,Type,Ward\nA1,01/06/2024,Noise,Viking\n');
    symlinkSync(path.join(ws, 'own', 'asb.csv'), path.join(ws, 'inside.csv'));
    for (const [files, shown, full] of [
      ['linked.csv', 'linked.csv', `${outside}/asb.csv`],
      ['"shared/*.csv"', 'shared/asb.csv', `${outside}/asb.csv`],
      ['inside.csv', 'inside.csv', `${realpathSync(ws)}/own/asb.csv`],
    ] as const) {
      writeFileSync(path.join(ws, 'csp.yaml'), config(files));
      const r = await cli(['validate', '--config', path.join(ws, 'csp.yaml'), '--json', '--quiet']);
      const json = JSON.parse(r.stdout) as ValidationJson;
      expect(json.errors.filter((e) => e.key?.startsWith('sources.'))).toEqual([]);
      expect(json.sources[0]!.files[0]).toMatchObject({ path: shown, fullPath: full, rowsRead: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
  });
});

describe('determinism', () => {
  it('two runs on the same inputs give identical bytes in every output, PDFs included', async () => {
    const ws = sampleCopy();
    const run = async (out: string) => {
      expect((await binCsp(['assess', '--config', path.join(ws, 'csp.yaml'), '--out', out, '--quiet'], { env: EPOCH })).code).toBe(0);
      expect((await binCsp(['render-plan', '--config', path.join(ws, 'csp.yaml'), '--out', out, '--quiet'], { env: EPOCH })).code).toBe(0);
      return digest(out);
    };
    const a = await run(path.join(ws, 'out-a'));
    const b = await run(path.join(ws, 'out-b'));
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['assessment.pdf', 'plan.pdf', 'cabinet-report.pdf', 'tables.xlsx', 'assessment.json']));
    expect(b).toEqual(a);
  });
});
