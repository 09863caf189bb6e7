import JSZip from 'jszip';

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * Rewrites a zip (an .xlsx) with a fixed date on every entry: exceljs stamps entries with
 * the current time, which would make identical inputs give different bytes.
 */
export async function stableZip(buffer: Buffer | Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    out.file(name, await entry.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}
