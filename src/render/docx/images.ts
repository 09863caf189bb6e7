// A native module, kept out of the bundle (scripts/bundle.mjs); this file is loaded only when a Word document is made.
import { Resvg } from '@resvg/resvg-js';
import { ImageRun } from 'docx';

/** What an image says to those who cannot see it: Word's alt text (wp:docPr's descr) and its title. */
export interface AltText {
  title: string;
  description: string;
}

export interface Sized {
  width: number;
  height: number;
}

/** Pixels at 96 to the inch, as the HTML is laid out and as docx sizes images. */
export interface ImageRequest {
  alt: AltText;
  /** wp:docPr's id: unique in the document, counted by the converter (docx's own counter runs on across documents). */
  id: number;
  maxWidth: number;
  maxHeight?: number;
}

/** The PNG that Word versions without SVG support show: twice the size drawn, for print. */
const FALLBACK_SCALE = 2;

/** An SVG image with its PNG fallback (Word needs both), drawn by resvg: fonts are the system's, Arial's look-alike where Arial is missing. */
export function svgRun(svg: string, r: ImageRequest): ImageRun {
  const source = withNamespace(svg);
  const size = fit(svgSize(source), r);
  const png = new Resvg(source, {
    fitTo: { mode: 'width', value: Math.round(size.width * FALLBACK_SCALE) },
    font: { loadSystemFonts: true, defaultFontFamily: 'Arial', sansSerifFamily: 'Arial' },
  })
    .render()
    .asPng();
  return new ImageRun({
    type: 'svg',
    data: Buffer.from(source, 'utf8'),
    fallback: { type: 'png', data: png },
    transformation: size,
    altText: altText(r),
  });
}

/** An image given as a data: URI (the logo): PNG, JPEG or SVG. Null for any other kind, which Word cannot show. */
export function dataUriRun(uri: string, r: ImageRequest): ImageRun | null {
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(uri.trim());
  if (!m) return null;
  const bytes = m[2] ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'utf8');
  const mime = m[1]!.toLowerCase();
  if (mime === 'image/svg+xml') return svgRun(bytes.toString('utf8'), r);
  const type = mime === 'image/png' ? 'png' : mime === 'image/jpeg' || mime === 'image/jpg' ? 'jpg' : null;
  const natural = type === 'png' ? pngSize(bytes) : type === 'jpg' ? jpegSize(bytes) : null;
  if (!type || !natural) return null;
  return new ImageRun({ type, data: bytes, transformation: fit(natural, r), altText: altText(r) });
}

const altText = (r: ImageRequest) => ({
  id: String(r.id),
  name: r.alt.title || `Image ${r.id}`,
  title: r.alt.title,
  description: r.alt.description || r.alt.title,
});

/** Scaled down, never up, to the width of the text and any height limit, keeping its proportions. */
function fit(size: Sized, r: ImageRequest): Sized {
  const scale = Math.min(1, r.maxWidth / size.width, r.maxHeight ? r.maxHeight / size.height : 1);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/** An SVG cut from HTML need not declare its namespace; as a file of its own it must. */
function withNamespace(svg: string): string {
  const s = svg.trim();
  return /^<svg\b[^>]*\sxmlns\s*=/.test(s) ? s : s.replace(/^<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"');
}

/** The size an SVG is drawn at: its width and height in pixels, else its viewBox. */
export function svgSize(svg: string): Sized {
  const open = /^<svg\b[^>]*>/.exec(svg.trim())?.[0] ?? '';
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(open)?.[1];
  const px = (v: string | undefined) => (v && /^\s*[\d.]+\s*(px)?\s*$/.test(v) ? Number.parseFloat(v) : null);
  const box = attr('viewBox')
    ?.split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n));
  const boxW = box && box.length === 4 ? box[2]! : null;
  const boxH = box && box.length === 4 ? box[3]! : null;
  const width = px(attr('width')) ?? boxW ?? 600;
  const height = px(attr('height')) ?? (boxW && boxH ? (width * boxH) / boxW : 300);
  return { width, height };
}

function pngSize(b: Buffer): Sized | null {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function jpegSize(b: Buffer): Sized | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    // SOF0–SOF15, but DHT (C4), JPG (C8) and DAC (CC), hold the frame's size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
    i += 2 + b.readUInt16BE(i + 2);
  }
  return null;
}
