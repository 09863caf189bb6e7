import type { ChildNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';

export type { ChildNode, Element };
export { isTag, isText };

/** The HTML of a document, parsed with each node's place in the source (an inline <svg> is cut from it as written). */
export function parseHtml(html: string) {
  return parseDocument(html, { withStartIndices: true, withEndIndices: true });
}

export const classes = (el: Element): string[] => (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
export const hasClass = (el: Element, name: string): boolean => classes(el).includes(name);
export const textOf = (node: ChildNode | ChildNode[]): string => DomUtils.textContent(node);
export const children = (el: Element): Element[] => el.children.filter(isTag);

/** The first element under `root` (itself included) that `test` accepts, in document order. */
export function find(root: ChildNode[], test: (el: Element) => boolean): Element | null {
  return DomUtils.findOne(test, root, true);
}

export function findAll(root: ChildNode[], test: (el: Element) => boolean): Element[] {
  return DomUtils.findAll(test, root);
}

/** Elements that lay out as blocks in a browser's default style sheet (the rest flow as inline text). */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** What a browser does not show, or shows only to those who tab to it (the skip link): left out of the Word document. */
const UNSEEN = new Set(['head', 'style', 'script', 'template', 'noscript', 'title', 'meta', 'link', 'base', 'button', 'input', 'select', 'textarea']);

export const isBlock = (node: ChildNode): boolean => isTag(node) && BLOCK.has(node.name);

export function isUnseen(el: Element): boolean {
  return UNSEEN.has(el.name) || el.attribs.hidden !== undefined || hasClass(el, 'skip-link');
}
