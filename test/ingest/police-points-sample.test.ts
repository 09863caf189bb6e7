import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli } from '../helpers.js';

/**
 * The sample's police_points against a count made here, with no csp code: every police row of
 * data-samples/police/ parsed by the small CSV reader below, the first row of each Crime ID kept,
 * Thanet's rows counted at their point, or without one.
 */
const SAMPLE = path.resolve(import.meta.dirname, '../../data-samples');

/** RFC 4180 rows of a text (quotes doubled inside quoted fields). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

function countByHand() {
  const files = readdirSync(path.join(SAMPLE, 'police'))
    .filter((f) => /-kent-street\.csv(\.gz)?$/.test(f))
    .sort();
  const seen = new Set<string>();
  const points = new Map<string, number>();
  const withoutPoint = new Map<string, number>();
  let repeats = 0;
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const f of files) {
    const bytes = readFileSync(path.join(SAMPLE, 'police', f));
    const [header, ...rows] = csvRows((f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
    const at = (h: string) => header!.indexOf(h);
    const [id, month, type, code, name, lon, lat] = ['Crime ID', 'Month', 'Crime type', 'LSOA code', 'LSOA name', 'Longitude', 'Latitude'].map(at);
    for (const r of rows) {
      if (r.length === 1 && r[0] === '') continue;
      const crimeId = r[id!]!.trim();
      if (crimeId !== '') {
        if (seen.has(crimeId)) {
          repeats++;
          continue;
        }
        seen.add(crimeId);
      }
      if (r[name!]!.trim().replace(/ [0-9]{3}[A-Z]$/, '') !== 'Thanet') continue;
      const key = [r[month!]!.trim(), r[type!]!.trim(), r[code!]!.trim()].join('|');
      const [x, y] = [r[lon!]!.trim(), r[lat!]!.trim()];
      if (x !== '' && y !== '' && Number.isFinite(Number(x)) && Number.isFinite(Number(y))) add(points, `${key}|${Number(x)}|${Number(y)}`);
      else add(withoutPoint, key);
    }
  }
  return { points, withoutPoint, repeats };
}

describe('police_points of the sample', () => {
  it('are Thanet’s accepted rows at their points, and with the rows without one make its incidents, counted by hand', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-points-'));
    const db = path.join(dir, 'sample.duckdb');
    const r = await cli(['validate', '--config', path.join(SAMPLE, 'csp.yaml'), '--json', '--quiet', '--db', db]);
    expect(r.code).toBe(0);
    const byHand = countByHand();
    const con = await (await DuckDBInstance.create(db)).connect();
    const q = async (sql: string) => (await con.runAndReadAll(sql)).getRows();
    const points = new Map(
      (await q(`SELECT month, category, area_code, lon, lat, sum(n)::INTEGER FROM police_points WHERE source = 'police' GROUP BY ALL`)).map((row) => [
        row.slice(0, 5).join('|'),
        Number(row[5]),
      ]),
    );
    const incidents = await q(
      `SELECT month || '|' || category || '|' || area_code, sum(n)::INTEGER FROM incidents WHERE source = 'police' AND district = 'Thanet' GROUP BY ALL`,
    );
    const repeats = (await q(`SELECT count(*) FROM rejects WHERE source = 'police'`))[0]![0];
    con.closeSync();
    expect(Number(repeats)).toBe(byHand.repeats);
    expect(points.size).toBe(byHand.points.size);
    expect(points).toEqual(byHand.points);
    // Each month × category × LSOA: the rows at a point and the rows without one are its incidents.
    const expected = new Map<string, number>(byHand.withoutPoint);
    for (const [k, n] of byHand.points) {
      const key = k.split('|').slice(0, 3).join('|');
      expected.set(key, (expected.get(key) ?? 0) + n);
    }
    expect(new Map(incidents.map(([k, n]) => [String(k), Number(n)]))).toEqual(expected);
    expect([...byHand.points.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(40_000);
  });
});
