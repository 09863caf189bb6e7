import JSZip from 'jszip';
import { stableZip } from '../../util/stable-zip.js';
import { carryInto, type Carried } from './carried.js';

/**
 * The same document, byte for byte, from the same inputs. docx stamps the package with the time
 * it was made (docProps/core.xml's created and modified, and each zip entry), names the
 * relationship of an external link at random, and numbers bookmarks from a counter that runs on
 * across the documents of a process. Here the dates become the document's own, and those names
 * and numbers are given again in the order they appear, the same in every run. The template's
 * headers and footers that docx cannot write (`carried`) are put in last, as the template has them.
 */
export async function stablePackage(docx: Buffer, isoDate: string, carried?: Carried): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const stamp = `${isoDate}T00:00:00Z`;
  const links = new Renumber((n) => `rIdLink${n}`);
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name]!.dir || !/\.(xml|rels)$/.test(name)) continue;
    let text = await zip.file(name)!.async('string');
    const before = text;
    if (name === 'docProps/core.xml') text = text.replaceAll(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    if (name === 'word/document.xml') text = renumberBookmarks(text);
    text = text.replaceAll(/\brId[0-9a-z_-]{21}(?![0-9A-Za-z_-])/g, (id) => links.of(id));
    if (text !== before) zip.file(name, text);
  }
  if (carried) await carryInto(zip, carried);
  return stableZip(await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
}

class Renumber {
  private readonly seen = new Map<string, string>();
  constructor(private readonly name: (n: number) => string) {}
  of(key: string): string {
    let v = this.seen.get(key);
    if (v === undefined) this.seen.set(key, (v = this.name(this.seen.size + 1)));
    return v;
  }
}

/** Bookmark ids (w:id of bookmarkStart and bookmarkEnd) and the tables of contents' _Toc names, counted from 1 in each document. */
function renumberBookmarks(xml: string): string {
  const ids = new Renumber(String);
  const toc = new Renumber((n) => `_Toc${n}`);
  return xml
    .replaceAll(/(<w:bookmark(?:Start|End)\b[^>]*?\sw:id=")(\d+)(")/g, (_m, open: string, id: string, close: string) => `${open}${ids.of(id)}${close}`)
    .replaceAll(/\b_Toc\d+\b/g, (name) => toc.of(name));
}
