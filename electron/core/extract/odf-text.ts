/**
 * OpenDocument (ODT, ODP, ODS): the package's content.xml, and the inline text of its paragraphs, where spaces,
 * tabs and line breaks are elements (`text:s c="3"`, `text:tab`, `text:line-break`) rather than characters.
 */
import { requiredXml } from './ooxml-parts.ts';
import { attribute, isElement, localName, type XmlDocument, type XmlElement, type XmlNode } from './xml-tree.ts';
import { openZipPackage } from './zip-package.ts';

/** Annotations (comments) and note citations are not the text; a footnote's body follows its anchor in brackets. */
const SKIPPED = new Set(['annotation', 'annotation-end', 'note-citation', 'bookmark', 'bookmark-start', 'bookmark-end', 'soft-page-break']);

export async function odfContent(bytes: Uint8Array, what: string): Promise<XmlDocument> {
  const pkg = await openZipPackage(bytes, what);
  return requiredXml(pkg, 'content.xml', what);
}

/** The text of a paragraph-like element (`text:p`, `text:h`, `text:span`…). */
export function odfInlineText(element: XmlElement): string {
  let text = '';
  for (const child of element.children) text += nodeText(child);
  return text;
}

function nodeText(node: XmlNode): string {
  if (!isElement(node)) return node.type === 'text' ? (node as { data: string }).data.replace(/[\r\n]+/g, ' ') : '';
  const name = localName(node.name);
  if (SKIPPED.has(name)) return '';
  if (name === 's') return ' '.repeat(Math.min(1000, Number(attribute(node, 'c') ?? '1') || 1));
  if (name === 'tab') return '\t';
  if (name === 'line-break') return '\n';
  if (name === 'note-body') return ` [${odfParagraphs(node).join(' ')}]`;
  return odfInlineText(node);
}

/** The text of every paragraph and heading under `root`, in document order. */
export function odfParagraphs(root: XmlElement): string[] {
  const out: string[] = [];
  const visit = (element: XmlElement): void => {
    for (const child of element.children) {
      if (!isElement(child)) continue;
      const name = localName(child.name);
      if (name === 'p' || name === 'h') out.push(odfInlineText(child));
      else if (!SKIPPED.has(name)) visit(child);
    }
  };
  visit(root);
  return out;
}
