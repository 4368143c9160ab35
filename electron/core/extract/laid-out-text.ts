/**
 * Blocks of a format whose text is not a file's lines (mail, with its decoded bodies and attachments), laid
 * out one after another as a plain text with a blank line between blocks, as DOCX is: lines and offsets
 * refer to that text, so citations and `read` agree on them.
 */
import type { BlockContent } from './block.ts';
import type { TextBlock } from '../types.ts';

export class LaidOutText {
  readonly blocks: TextBlock[] = [];
  private line = 1;
  private offset = 0;

  add({ kind, text, headingPath, level }: BlockContent): void {
    if (text.trim() === '') return;
    const lineCount = text.split('\n').length;
    const span = { startLine: this.line, endLine: this.line + lineCount - 1, startChar: this.offset, endChar: this.offset + text.length };
    this.blocks.push(level === undefined ? { kind, text, headingPath, ...span } : { kind, text, headingPath, level, ...span });
    this.offset += text.length + 2;
    this.line += lineCount + 1;
  }
}
