/** HTML pages: readable blocks of the main content, cited by the source lines they were written on. */
import { blockAt, type Extraction } from './block.ts';
import { htmlStructure } from './html-blocks.ts';
import { LineIndex } from './line-index.ts';

export function extractHtml(source: string): Extraction {
  const { blocks, title, role } = htmlStructure(source);
  const lines = new LineIndex(source);
  const placed = blocks.map((block) => blockAt(lines, block.start, block.end, block));
  // A page that is only a listing of links (contents, index) is one in every block.
  const textBlocks = role === undefined ? placed : placed.map((block) => ({ ...block, role }));
  return title === undefined ? { blocks: textBlocks } : { blocks: textBlocks, title };
}
