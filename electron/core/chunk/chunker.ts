/**
 * Turns a document's blocks into retrievable chunks that follow its structure.
 *
 * - A heading starts a new chunk and stays with the content after it; nested headings with nothing between them
 *   stay together. A heading alone is a chunk only when its section is empty (or its content is on the next page).
 * - Consecutive blocks of one section are packed together up to `maxTokens`; a new section or a new PDF page
 *   always starts a new chunk, so a chunk cites one section and one page.
 * - A block that does not fit is cut (see split-block.ts): code and paragraphs at lines, an over-long line at
 *   sentences, then words. A block that fits is never cut, except to give a heading its first lines.
 * - Within a section, the next chunk starts with whole trailing lines/sentences of the previous one (overlap.ts),
 *   and its span starts where that repeated text starts.
 *
 * One pass over the blocks: each block is split once, pieces are placed greedily by their token counts, and each
 * chunk's text is built once with one slice per block, so the cost is linear in the document. Pieces are taken from
 * the splitter as they are placed, so only the current chunk's are in memory: a 10 MB line is two million words.
 */
import { TroveError } from '../errors.ts';
import type { Chunk, ChunkingOptions, TextBlock, TokenCounter } from '../types.ts';
import { estimateTokens } from './estimate-tokens.ts';
import { overlapTail } from './overlap.ts';
import { spanMapperFor, type SourceSpan, type SpanMapper } from './span-map.ts';
import { BlockSplitter, rangeCounter, type BlockPiece, type SplitContext } from './split-block.ts';
import { hasContent } from './text-ranges.ts';

export function chunkBlocks(
  blocks: readonly TextBlock[],
  options: ChunkingOptions,
  countTokens: TokenCounter = estimateTokens,
): Chunk[] {
  const { maxTokens, overlapTokens } = checkOptions(options);
  const chunks: Chunk[] = [];
  const mappers = new Map<number, SpanMapper>();
  const blockAt = (index: number): TextBlock => blocks[index] as TextBlock;
  const countRange = rangeCounter(countTokens);
  const splitContext = (block: TextBlock): SplitContext => ({ maxTokens, countRange, isCode: block.kind === 'code' });
  const isHeading = (piece: BlockPiece): boolean => blockAt(piece.block).kind === 'heading';

  // Pieces taken and given back (refined, or pushed back out of a full chunk), the next one last. They always
  // come before what the splitter has not handed out yet, so they are placed first and order is kept.
  const pending: BlockPiece[] = [];
  let nextBlock = 0;
  let splitter: BlockSplitter | undefined;
  const takePiece = (): BlockPiece | undefined => {
    const given = pending.pop();
    if (given) return given;
    for (;;) {
      const piece = splitter?.next();
      if (piece) return piece;
      if (nextBlock >= blocks.length) return undefined;
      const index = nextBlock++;
      splitter = BlockSplitter.ofBlock(blockAt(index).text, splitContext(blockAt(index)), index);
    }
  };

  // The chunk being filled: its pieces, the sum of their counts, how many lead pieces are overlap, how many are
  // not headings, and the section (heading path) of its content.
  let current: BlockPiece[] = [];
  let currentTokens = 0;
  let overlapCount = 0;
  let contentCount = 0;
  let sectionPath: readonly string[] = [];
  /** Overlap waiting to open the next chunk; set only when a chunk is closed for size, mid-section. */
  let carry: BlockPiece[] = [];

  const add = (piece: BlockPiece): void => {
    current.push(piece);
    currentTokens += piece.tokens;
    if (isHeading(piece)) return;
    if (contentCount === 0) sectionPath = blockAt(piece.block).headingPath;
    contentCount++;
  };

  const begin = (piece: BlockPiece): void => {
    let skip = 0;
    let carried = 0;
    for (const p of carry) carried += p.tokens;
    // Overlap only continues the section it came from (closing for size guarantees it; this keeps it so), and
    // never runs from one table block into the next: each is a group of whole rows (a sheet's under its header).
    const from = carry.length > 0 ? blockAt((carry[carry.length - 1] as BlockPiece).block) : undefined;
    const to = blockAt(piece.block);
    const nextTable = from !== undefined && from !== to && from.kind === 'table' && to.kind === 'table';
    if (from && (to.kind === 'heading' || nextTable || to.page !== from.page || !samePath(to.headingPath, from.headingPath))) {
      skip = carry.length;
    }
    while (skip < carry.length && carried + piece.tokens > maxTokens) carried -= (carry[skip++] as BlockPiece).tokens;
    current = [];
    currentTokens = 0;
    contentCount = 0;
    for (let i = skip; i < carry.length; i++) add(carry[i] as BlockPiece);
    overlapCount = current.length;
    carry = [];
    add(piece);
  };

  /** Must `piece` open a new chunk rather than join the current one? */
  const startsNewChunk = (piece: BlockPiece): boolean => {
    const last = current[current.length - 1] as BlockPiece;
    if (piece.block === last.block) return false;
    const block = blockAt(piece.block);
    const lastBlock = blockAt(last.block);
    if (block.page !== lastBlock.page) return true;
    // A sub-heading right under its parent heading joins it; any other heading opens its own chunk.
    if (block.kind === 'heading') {
      return !(contentCount === 0 && block.headingPath.length > lastBlock.headingPath.length);
    }
    // Whatever follows a bare heading is its content.
    if (contentCount === 0) return false;
    return !samePath(block.headingPath, sectionPath);
  };

  // Only the estimator is known to add up over whitespace; any other counter counts each chunk's text.
  const additive = countTokens === estimateTokens;
  const countChunk = (text: string): number => (additive ? summedCount(current, blocks) : undefined) ?? countTokens(text);

  const close = (withOverlap: boolean): void => {
    let text = renderText(current, blocks);
    let tokens = countChunk(text);
    // The running sum is exact or an overestimate for the default estimator; a model's tokenizer may count the
    // joined text a little higher, in which case the last pieces move on to the next chunk.
    while (tokens > maxTokens && current.length - overlapCount > 1) {
      pending.push(current.pop() as BlockPiece);
      withOverlap = true;
      text = renderText(current, blocks);
      tokens = countChunk(text);
    }
    while (tokens > maxTokens && overlapCount > 0) {
      current.shift();
      overlapCount--;
      text = renderText(current, blocks);
      tokens = countChunk(text);
    }
    chunks.push(buildChunk(chunks.length, current, text, tokens, blocks, mappers));
    carry = withOverlap && overlapTokens > 0 ? overlapTail(current, blocks, overlapTokens, countTokens) : [];
    current = [];
    currentTokens = 0;
    overlapCount = 0;
    contentCount = 0;
  };

  for (;;) {
    const piece = takePiece();
    if (!piece) {
      if (current.length === 0) break;
      close(false); // may push pieces back when the counter is not additive: keep going until all are placed
    } else if (current.length === 0) {
      begin(piece);
    } else if (startsNewChunk(piece)) {
      pending.push(piece);
      close(false);
    } else if (currentTokens + piece.tokens <= maxTokens) {
      add(piece);
    } else {
      // A bare heading takes as much of its content as fits rather than standing alone.
      const finer =
        contentCount === 0 && !isHeading(piece)
          ? BlockSplitter.finer(blockAt(piece.block).text, piece, splitContext(blockAt(piece.block)))
          : undefined;
      if (finer && finer.length > 1) {
        for (let i = finer.length - 1; i >= 0; i--) pending.push(finer[i] as BlockPiece);
      } else {
        pending.push(piece);
        close(true);
      }
    }
  }
  return chunks;
}

function checkOptions(options: ChunkingOptions): ChunkingOptions {
  const { maxTokens, overlapTokens } = options;
  if (!Number.isFinite(maxTokens) || maxTokens < 1) {
    throw new TroveError('INVALID_ARGUMENT', `maxTokens must be at least 1 (got ${maxTokens}).`);
  }
  if (!Number.isFinite(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new TroveError('INVALID_ARGUMENT', `overlapTokens must be from 0 to below maxTokens (got ${overlapTokens}).`);
  }
  return options;
}

/**
 * The chunk's text: the pieces of each block as one slice of its text (so the block's own line breaks and spaces
 * between pieces are kept). Blocks are joined by as many line breaks as separate them in the source when both
 * are laid out on their source lines (text, Markdown, code, JSON, DOCX, PDF pages), so text line i of the chunk
 * is source line startLine + i and a part of the chunk can be cited by its exact lines (answer/focus.ts).
 * Other blocks (HTML paragraphs collapsed onto one line) are joined by a blank line.
 */
function renderText(pieces: readonly BlockPiece[], blocks: readonly TextBlock[]): string {
  let text = '';
  /** Source line of the text's last line, while the text so far is laid out line for line; else undefined. */
  let lastLine: number | undefined;
  let i = 0;
  while (i < pieces.length) {
    const first = pieces[i] as BlockPiece;
    let last = first;
    while (i + 1 < pieces.length && (pieces[i + 1] as BlockPiece).block === first.block) {
      last = pieces[++i] as BlockPiece;
    }
    const block = blocks[first.block] as TextBlock;
    const part = block.text.slice(first.start, last.end);
    const laidOut = isLaidOutOnSourceLines(block);
    const partLine = block.startLine + countLineBreaks(block.text, 0, first.start);
    const isFirstPart = text === '';
    if (!isFirstPart) {
      const gap = laidOut && lastLine !== undefined ? partLine - lastLine : 0;
      text += gap >= 1 ? '\n'.repeat(gap) : '\n\n';
    }
    text += part;
    // Once a block is not laid out line for line, the lines after it no longer match the source's.
    const aligned = laidOut && (isFirstPart || lastLine !== undefined);
    lastLine = aligned ? partLine + countLineBreaks(part, 0, part.length) : undefined;
    i++;
  }
  return text;
}

/** Text line i of the block is on source line startLine + i (a one-line heading sits on its first line). */
function isLaidOutOnSourceLines(block: TextBlock): boolean {
  const textLines = countLineBreaks(block.text, 0, block.text.length) + 1;
  return textLines === block.endLine - block.startLine + 1 || (block.kind === 'heading' && textLines === 1);
}

function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * The estimator's count of the chunk's text without reading it again: the sum of its pieces' (exact) counts, when
 * whitespace separates every piece from the next — whitespace costs nothing and ends a run, so the estimate is then
 * additive (estimate-tokens.ts). Undefined otherwise (pieces cut inside a word), and the text is counted.
 */
function summedCount(pieces: readonly BlockPiece[], blocks: readonly TextBlock[]): number | undefined {
  let sum = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as BlockPiece;
    const previous = pieces[i - 1];
    // Pieces of different blocks are joined by a blank line.
    if (previous?.block === piece.block) {
      const text = (blocks[piece.block] as TextBlock).text;
      if (previous.end >= piece.start || hasContent(text, previous.end, piece.start)) return undefined;
    }
    sum += piece.tokens;
  }
  return sum;
}

function buildChunk(
  seq: number,
  pieces: readonly BlockPiece[],
  text: string,
  tokens: number,
  blocks: readonly TextBlock[],
  mappers: Map<number, SpanMapper>,
): Chunk {
  let startLine = Infinity;
  let endLine = -Infinity;
  let startChar = Infinity;
  let endChar = -Infinity;
  for (const piece of pieces) {
    const block = blocks[piece.block] as TextBlock;
    let span: SourceSpan = block;
    if (piece.level !== 'block') {
      let mapper = mappers.get(piece.block);
      if (!mapper) mappers.set(piece.block, (mapper = spanMapperFor(block)));
      span = mapper(piece.start, piece.end);
    }
    startLine = Math.min(startLine, span.startLine);
    endLine = Math.max(endLine, span.endLine);
    startChar = Math.min(startChar, span.startChar);
    endChar = Math.max(endChar, span.endChar);
  }
  const firstBlock = blocks[(pieces[0] as BlockPiece).block] as TextBlock;
  return {
    seq,
    text,
    headingPath: headingPathOf(pieces, blocks),
    startLine,
    endLine,
    ...(firstBlock.page !== undefined ? { page: firstBlock.page } : {}),
    startChar,
    endChar,
    tokens,
    ...(firstBlock.role !== undefined ? { role: firstBlock.role } : {}),
    ...(firstBlock.origin !== undefined ? { origin: firstBlock.origin } : {}),
  };
}

/**
 * The section the chunk is in: its first block's heading path, plus that block's own title if it is a heading.
 * When a chunk opens with nested headings ("Guide" then "Install" then text), the last of them is used, since the
 * text below is in "Guide › Install" — and so every chunk of that section, first or continued, has the same path.
 */
function headingPathOf(pieces: readonly BlockPiece[], blocks: readonly TextBlock[]): readonly string[] {
  let heading: TextBlock | undefined;
  for (const piece of pieces) {
    const block = blocks[piece.block] as TextBlock;
    if (block.kind !== 'heading') break;
    heading = block;
  }
  if (heading) return [...heading.headingPath, heading.text.trim()];
  return (blocks[(pieces[0] as BlockPiece).block] as TextBlock).headingPath;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
