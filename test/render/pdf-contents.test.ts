import { describe, expect, it } from 'vitest';
import { hasContents, withContentsPages } from '../../src/render/pdf-contents.js';

const html = `<h1>Plan</h1><nav class="contents" aria-labelledby="c"><h2 id="c">Contents</h2><ol>
<li><a href="#foreword">Foreword</a></li>
<li><a href="#about">About Thanet &amp; its towns</a></li>
<li><a href="#gone">Not printed</a></li>
</ol></nav><section id="foreword"><h2>Foreword</h2><p><a href="#about">About Thanet &amp; its towns</a></p></section>`;

describe('page numbers in the contents of a printed document', () => {
  it('placeholders first, of the width of a number, then the pages read from the bookmarks; links outside the contents untouched', () => {
    expect(hasContents(html)).toBe(true);
    expect(hasContents('<h1>No contents</h1>')).toBe(false);
    expect(withContentsPages(html, null)).toContain('<li><a href="#foreword">Foreword</a><span class="page-no">00</span></li>');
    // Bookmark titles are matched without spaces (a wrapped heading loses its space) and with entities read.
    const filled = withContentsPages(
      html,
      new Map([
        ['Foreword', 2],
        ['AboutThanet&itstowns', 3],
      ]),
    );
    expect(filled).toContain('<li><a href="#foreword">Foreword</a><span class="page-no">2</span></li>');
    expect(filled).toContain('<li><a href="#about">About Thanet &amp; its towns</a><span class="page-no">3</span></li>');
    // A section with no bookmark keeps its entry without a number, never a wrong one.
    expect(filled).toContain('<li><a href="#gone">Not printed</a></li>');
    expect(filled).toContain('<p><a href="#about">About Thanet &amp; its towns</a></p>');
  });
});
