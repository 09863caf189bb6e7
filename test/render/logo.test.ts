import { describe, expect, it } from 'vitest';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { logoDataUri } from '../../src/render/logo.js';
import type { Config } from '../../src/config/load.js';
import { CspError } from '../../src/core/errors.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]);

describe('the logo is checked before it is embedded', () => {
  const ws = mkdtempSync(path.join(tmpdir(), 'csp-logo-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'csp-logo-out-'));
  writeFileSync(path.join(ws, 'logo.png'), PNG);
  writeFileSync(path.join(ws, 'logo.svg'), '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(ws, 'fake.png'), '<html>not an image</html>');
  writeFileSync(path.join(ws, 'big.png'), Buffer.concat([PNG, Buffer.alloc(600 * 1024)]));
  writeFileSync(path.join(ws, 'logo.gif'), 'GIF89a');
  writeFileSync(path.join(outside, 'logo.png'), PNG);
  symlinkSync(path.join(outside, 'logo.png'), path.join(ws, 'linked.png'));
  const with_ = (logo: string) => ({ baseDir: ws, branding: { logo } }) as unknown as Config;

  it('a PNG or SVG is embedded as a data: URI, wherever csp.yaml points: inside the workspace, through a link, or outside it', () => {
    expect(logoDataUri(with_('logo.png'))).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(logoDataUri(with_('logo.svg'))).toMatch(/^data:image\/svg\+xml;base64,/);
    // Partnerships keep the council's logo on a shared drive: a link, a ../ path and an absolute path all read.
    expect(logoDataUri(with_('linked.png'))).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(logoDataUri(with_('../' + path.basename(outside) + '/logo.png'))).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(logoDataUri(with_(path.join(outside, 'logo.png')))).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
  });
  it.each([
    ['missing.png', 'logo not found: missing.png'],
    ['fake.png', 'the logo fake.png is named .png but is not a PNG image'],
    ['big.png', 'the logo big.png is 600 KB, over the 512 KB a logo may be'],
    ['logo.gif', 'the logo logo.gif must be PNG, JPEG or SVG, not .gif'],
    [path.join(outside, 'missing.png'), `logo not found: ${path.join(outside, 'missing.png')}`],
  ])('%s: refused, naming the file and the key', (logo, message) => {
    let error: unknown;
    try {
      logoDataUri(with_(logo));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CspError);
    const { exitCode, problems } = error as CspError;
    expect(exitCode).toBe(2);
    expect(problems[0]!.message).toContain(message);
    expect(problems[0]!.where).toEqual({ key: 'branding.logo', file: logo });
  });
});
