import { AlignmentType, BorderStyle, LevelFormat, LineRuleType, ShadingType } from 'docx';
import type { ICharacterStyleOptions, INumberingOptions, IParagraphStyleOptions, IStylesOptions } from 'docx';

/**
 * The style ids the converter gives paragraphs and runs. Word's own where Word has one (its ids,
 * and its names, by which Word knows a built-in style: the navigation pane and a table of
 * contents follow Heading 1 …), so that a council's reference document restyles them all.
 */
export const STYLE = {
  title: 'Title',
  subtitle: 'Subtitle',
  heading: (level: number) => `Heading${level}`,
  caption: 'Caption',
  tocHeading: 'TOCHeading',
  quote: 'Quote',
  note: 'Note',
  callout: 'Callout',
  marking: 'Marking',
  numbered: 'NumberedParagraph',
  term: 'DefinitionTerm',
  definition: 'Definition',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  code: 'Code',
  hyperlink: 'Hyperlink',
} as const;

/** The documents' colours (branding in csp.yaml), as Word writes them: RRGGBB. */
export interface Colours {
  primary: string;
  accent: string;
}

const GREY = 'B1B4B6';
const PALE = 'F3F2F1';
/** 11pt Arial as the HTML is printed; sizes are in half-points. */
const BODY = 22;

function paragraphStyles(c: Colours): IParagraphStyleOptions[] {
  const heading = (level: number, size: number, before: number): IParagraphStyleOptions => ({
    id: STYLE.heading(level),
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { bold: true, size, color: level <= 3 ? c.primary : undefined },
    paragraph: {
      keepNext: true,
      keepLines: true,
      outlineLevel: level - 1,
      spacing: { before, after: 120 },
      ...(level === 1 ? { border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: c.primary, space: 2 } } } : {}),
    },
  });
  return [
    {
      id: STYLE.title,
      name: 'Title',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { bold: true, size: 44, color: c.primary },
      paragraph: { spacing: { before: 120, after: 80 }, keepNext: true },
    },
    {
      id: STYLE.subtitle,
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { size: 28, color: '383F43' },
      paragraph: { spacing: { after: 240 } },
    },
    heading(1, 32, 480),
    heading(2, 26, 360),
    heading(3, 24, 240),
    heading(4, BODY, 240),
    heading(5, BODY, 200),
    heading(6, BODY, 200),
    {
      id: STYLE.caption,
      name: 'caption',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { bold: true, size: 20 },
      paragraph: { keepNext: true, spacing: { before: 120, after: 80 } },
    },
    {
      id: STYLE.tocHeading,
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      run: { bold: true, size: 26, color: c.primary },
      paragraph: { keepNext: true, spacing: { before: 240, after: 120 } },
    },
    {
      id: STYLE.quote,
      name: 'Quote',
      basedOn: 'Normal',
      next: 'Normal',
      run: { italics: true },
      paragraph: { indent: { left: 567, right: 567 } },
    },
    {
      id: STYLE.note,
      name: 'Note',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: 20 },
      paragraph: {
        indent: { left: 227 },
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: c.accent, space: 8 } },
      },
    },
    {
      id: STYLE.callout,
      name: 'Callout',
      basedOn: 'Normal',
      quickFormat: true,
      paragraph: {
        indent: { left: 227 },
        spacing: { before: 240, after: 240 },
        shading: { type: ShadingType.CLEAR, fill: PALE, color: 'auto' },
        border: { left: { style: BorderStyle.SINGLE, size: 36, color: c.primary, space: 8 } },
      },
    },
    {
      id: STYLE.marking,
      name: 'Protective marking',
      basedOn: 'Normal',
      run: { bold: true },
      paragraph: { alignment: AlignmentType.CENTER },
    },
    {
      // "1.1 ⇥ The council has …": the seeds' committee reports, the number hanging in the margin.
      id: STYLE.numbered,
      name: 'Numbered paragraph',
      basedOn: 'Normal',
      quickFormat: true,
      paragraph: { indent: { left: 720, hanging: 720 }, leftTabStop: 720 },
    },
    {
      id: STYLE.term,
      name: 'Definition term',
      basedOn: 'Normal',
      next: STYLE.definition,
      run: { bold: true },
      paragraph: { keepNext: true, spacing: { after: 40 } },
    },
    { id: STYLE.definition, name: 'Definition', basedOn: 'Normal', next: STYLE.term, paragraph: { indent: { left: 284 } } },
    { id: STYLE.tableText, name: 'Table text', basedOn: 'Normal', run: { size: 19 }, paragraph: { spacing: { before: 40, after: 40 } } },
    { id: STYLE.tableHeading, name: 'Table heading', basedOn: STYLE.tableText, run: { bold: true }, paragraph: { keepNext: true } },
  ];
}

function characterStyles(): ICharacterStyleOptions[] {
  return [
    { id: STYLE.code, name: 'Code', basedOn: 'DefaultParagraphFont', run: { font: 'Courier New', size: 18 } },
    { id: STYLE.hyperlink, name: 'Hyperlink', basedOn: 'DefaultParagraphFont', run: { color: '1D70B8', underline: {} } },
  ];
}

/**
 * The styles of a document: the clean default, or, with a reference document, its own styles and
 * only those of csp's it lacks (a style given here would take the place of the reference's).
 */
export function stylesFor(colours: Colours, referenceIds: ReadonlySet<string> | null): IStylesOptions {
  const missing = <T extends { id: string }>(styles: T[]) => (referenceIds ? styles.filter((s) => !referenceIds.has(s.id)) : styles);
  return {
    ...(referenceIds
      ? {}
      : {
          default: {
            document: {
              run: { font: 'Arial', size: BODY, language: { value: 'en-GB' } },
              paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
            },
          },
        }),
    paragraphStyles: missing(paragraphStyles(colours)),
    characterStyles: missing(characterStyles()),
  };
}

export const BULLETS = 'csp-bullets';
export const ORDERED = 'csp-ordered';

/** Word lists: bullets and 1. 2. 3. (then a. b., i. ii.), each level indented a step further. */
export function numbering(): INumberingOptions {
  const indent = (level: number) => ({ paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } });
  const bullets = ['\u2022', '\u2013', '\u25e6'];
  const ordered = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  const levels = [...Array(9).keys()];
  return {
    config: [
      {
        reference: BULLETS,
        levels: levels.map((level) => ({
          level,
          format: LevelFormat.BULLET,
          text: bullets[level % bullets.length]!,
          alignment: AlignmentType.LEFT,
          style: indent(level),
        })),
      },
      {
        reference: ORDERED,
        levels: levels.map((level) => ({
          level,
          format: ordered[level % ordered.length]!,
          text: `%${level + 1}.`,
          alignment: AlignmentType.LEFT,
          style: indent(level),
        })),
      },
    ],
  };
}

export const TABLE_BORDER = { style: BorderStyle.SINGLE, size: 4, color: GREY } as const;
export const HEADER_FILL = PALE;
export const HIGHLIGHT_FILL = 'EEF3F8';
