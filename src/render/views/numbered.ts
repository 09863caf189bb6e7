/** A list item under a numbered paragraph: bold lead-in words, the text, and a note on its own line. */
export interface ListItem {
  strong: string | null;
  text: string;
  note: string | null;
}

/** "1.2 …": a paragraph of a committee report, numbered within its section, with the list it introduces. */
export interface NumberedParagraph {
  no: string;
  text: string;
  list: ListItem[];
}

/** "1.0 Background": a numbered section of the report. */
export interface NumberedSection {
  id: string;
  no: string;
  title: string;
  paragraphs: NumberedParagraph[];
}

/** plan.yaml's text blocks: blank lines separate paragraphs, line breaks within one are spaces. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replaceAll(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');
}

/**
 * The numbered body of a committee report, as the seeds' Cabinet reports are set out: sections
 * 1.0, 2.0 … and within each, paragraphs 1.1, 1.2 … so that members can refer to any paragraph
 * at the meeting. The numbers are in the text, so the HTML, the PDF and a copy pasted into the
 * council's template all carry them.
 */
export class NumberedReport {
  readonly sections: NumberedSection[] = [];

  section(id: string, title: string): this {
    this.sections.push({ id, no: `${this.sections.length + 1}.0`, title, paragraphs: [] });
    return this;
  }

  /** A paragraph of the current section; a text block from plan.yaml may give several. */
  para(text: string | null | undefined, list: (string | Partial<ListItem>)[] = []): this {
    const s = this.sections.at(-1);
    if (!s) throw new Error('a numbered paragraph needs a section');
    const parts = splitParagraphs(text ?? '');
    parts.forEach((p, i) =>
      s.paragraphs.push({
        no: `${this.sections.length}.${s.paragraphs.length + 1}`,
        text: p,
        list:
          i === parts.length - 1
            ? list.map((x) => (typeof x === 'string' ? { strong: null, text: x, note: null } : { strong: null, text: '', note: null, ...x }))
            : [],
      }),
    );
    return this;
  }
}
