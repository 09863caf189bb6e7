import { statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/load.js';
import { invalidInput } from '../core/errors.js';
import { notAFile, readInputFile } from '../util/input-file.js';

/** A logo is embedded in every document: a few hundred kilobytes at most keeps them light. */
const MAX_BYTES = 512 * 1024;

const KINDS = [
  { mime: 'image/png', ext: ['.png'], is: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: ['.jpg', '.jpeg'], is: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/svg+xml', ext: ['.svg'], is: (b: Buffer) => /<svg[\s>]/i.test(b.subarray(0, 4096).toString('utf8')) },
];

/**
 * branding.logo as a data: URI (the documents load nothing), checked: wherever csp.yaml
 * points (relative to it or absolute, links followed, as for the partners' exports), a PNG,
 * JPEG or SVG by its content as well as its name, and not over 512 KB. Each
 * problem names the file and the key. Null when there is no logo.
 */
export function logoDataUri(config: Config): string | null {
  const logo = config.branding.logo;
  if (!logo) return null;
  const where = { key: 'branding.logo', file: logo };
  const file = path.resolve(config.baseDir, logo);
  // A folder (or a device) named as the logo is refused naming branding.logo, never read (EISDIR).
  const wrong = notAFile(file);
  if (wrong === 'it does not exist')
    throw invalidInput({ message: `logo not found: ${logo}`, where, hint: 'give the path of a PNG, JPEG or SVG relative to csp.yaml' });
  if (wrong)
    throw invalidInput({ message: `the logo ${logo} cannot be used: ${wrong}`, where, hint: 'give the path of a PNG, JPEG or SVG file relative to csp.yaml' });
  const bytes = statSync(file).size;
  if (bytes > MAX_BYTES) {
    throw invalidInput({
      message: `the logo ${logo} is ${Math.round(bytes / 1024).toLocaleString('en-GB')} KB, over the 512 KB a logo may be`,
      where,
      hint: 'save a smaller copy (a logo 400 pixels wide is plenty for print)',
    });
  }
  const ext = path.extname(file).toLowerCase();
  const kind = KINDS.find((k) => k.ext.includes(ext));
  if (!kind) throw invalidInput({ message: `the logo ${logo} must be PNG, JPEG or SVG, not ${ext || 'a file without an extension'}`, where });
  const content = readInputFile(file, where, { message: `logo not found: ${logo}`, where }, MAX_BYTES);
  if (!kind.is(content)) {
    throw invalidInput({
      message: `the logo ${logo} is named ${ext} but is not a ${ext.slice(1).toUpperCase()} image`,
      where,
      hint: 'export the logo again as PNG, JPEG or SVG',
    });
  }
  return `data:${kind.mime};base64,${content.toString('base64')}`;
}
