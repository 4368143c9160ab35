/**
 * OpenDocument text (ODT): content.xml's body rendered as HTML (headings by outline level, paragraphs, lists,
 * tables) and read with the HTML block walker, laid out as plain text like Word documents (plain-layout.ts).
 */
import type { Extraction } from './block.ts';
import { odfContent, odfInlineText } from './odf-text.ts';
import { escapeHtml, layOutHtml } from './plain-layout.ts';
import { attribute, childElements, firstDescendant, localName, type XmlElement } from './xml-tree.ts';

const WHAT = 'The OpenDocument text';
/** Generated listings that repeat the document's headings (contents, index, bibliography). */
const GENERATED_INDEXES = new Set(['table-of-content', 'alphabetical-index', 'illustration-index', 'object-index', 'user-index', 'bibliography']);

export async function extractOdt(bytes: Uint8Array): Promise<Extraction> {
  const content = await odfContent(bytes, WHAT);
  const body = firstDescendant(content, 'text');
  return layOutHtml(body ? `<body>${toHtml(body)}</body>` : '');
}

function toHtml(parent: XmlElement): string {
  return childElements(parent)
    .map((element) => {
      const name = localName(element.name);
      if (name === 'h') {
        const level = Math.min(6, Math.max(1, Number(attribute(element, 'text:outline-level') ?? '1') || 1));
        return `<h${level}>${inline(element)}</h${level}>`;
      }
      if (name === 'p') return `<p>${inline(element)}</p>`;
      if (name === 'list') return `<ul>${childElements(element).map((item) => `<li>${toHtml(item)}</li>`).join('')}</ul>`;
      if (name === 'table') return `<table>${tableRows(element).map(rowHtml).join('')}</table>`;
      if (GENERATED_INDEXES.has(name)) return '';
      return toHtml(element); // sections, frames' text boxes and other wrappers
    })
    .join('');
}

function tableRows(parent: XmlElement): XmlElement[] {
  return childElements(parent).flatMap((child) => {
    const name = localName(child.name);
    if (name === 'table-row') return [child];
    return name === 'table-header-rows' || name === 'table-rows' || name === 'table-row-group' ? tableRows(child) : [];
  });
}

function rowHtml(row: XmlElement): string {
  const cells = childElements(row).filter((cell) => localName(cell.name) === 'table-cell');
  return `<tr>${cells.map((cell) => `<td>${toHtml(cell)}</td>`).join('')}</tr>`;
}

function inline(element: XmlElement): string {
  return escapeHtml(odfInlineText(element)).replace(/\n/g, '<br>');
}
