/**
 * Documents without source lines of their own (Word, OpenDocument text, RTF, e-books) are cited by lines of
 * their extracted plain text: blocks laid out one after another, separated by a blank line (like mammoth's raw
 * text). Most arrive as HTML (mammoth, rtf-to-html, EPUB chapters, ODT rendered as HTML) and share the HTML
 * extractor's block walker.
 */
import type { TextBlock } from '../types.ts';
import type { BlockContent, Extraction } from './block.ts';
import { htmlStructure } from './html-blocks.ts';

/** HTML → blocks laid out as plain text; the title is the first level-1 heading. */
export function layOutHtml(html: string): Extraction {
  const blocks = layOutBlocks(htmlStructure(html).blocks);
  const title = blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  return title === undefined ? { blocks } : { blocks, title };
}

export function layOutBlocks(contents: readonly BlockContent[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  let offset = 0;
  let line = 1;
  for (const { kind, text, headingPath, level } of contents) {
    const lineCount = text.split('\n').length;
    const span = { startLine: line, endLine: line + lineCount - 1, startChar: offset, endChar: offset + text.length };
    blocks.push(level === undefined ? { kind, text, headingPath, ...span } : { kind, text, headingPath, level, ...span });
    offset += text.length + 2;
    line += lineCount + 1;
  }
  return blocks;
}

/** Text as HTML character data (for documents rendered to HTML on their way to the block walker). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
