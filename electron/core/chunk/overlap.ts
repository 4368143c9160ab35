/**
 * Choosing the tail of a finished chunk to repeat at the start of the next one.
 *
 * Overlap exists so that a passage cut by a chunk boundary is still retrievable whole from one side. It is made of
 * whole trailing lines or sentences, never a fragment: a chunk starting mid-sentence embeds worse and cites
 * worse. It never reaches back over a heading (the next chunk must not start with the previous section's title)
 * and never includes the chunk's first line or sentence of content, so no chunk is repeated whole in the next.
 */
import type { TextBlock, TokenCounter } from '../types.ts';
import type { BlockPiece } from './split-block.ts';
import { lineRanges, sentenceRanges, type TextRange } from './text-ranges.ts';

/** Trailing pieces of `chunk` (in order) worth at most `budget` tokens. */
export function overlapTail(
  chunk: readonly BlockPiece[],
  blocks: readonly TextBlock[],
  budget: number,
  countTokens: TokenCounter,
): BlockPiece[] {
  const reversed: BlockPiece[] = [];
  let room = budget;
  for (let i = chunk.length - 1; i >= 0 && room > 0; i--) {
    const piece = chunk[i];
    const block = piece ? blocks[piece.block] : undefined;
    if (!piece || !block || block.kind === 'heading') break;
    // A word or character piece starts inside a sentence.
    if (piece.level === 'word' || piece.level === 'char') break;
    // The chunk's first content (after any leading headings) is never repeated, so some of it stays its own.
    const before = chunk[i - 1];
    const isChunkStart = !before || blocks[before.block]?.kind === 'heading';
    if (!isChunkStart && piece.tokens <= room) {
      reversed.push(piece);
      room -= piece.tokens;
      continue;
    }
    const partial = trailingSegments(block, piece, room, isChunkStart, countTokens);
    for (const segment of partial) reversed.push(segment);
    break;
  }
  return reversed.reverse();
}

/**
 * Whole trailing lines of `piece` that fit in `room`, then whole trailing sentences of the first line that does
 * not (code has no sentences), newest first. With `keepFirst` the piece's first line/sentence is never taken.
 */
function trailingSegments(
  block: TextBlock,
  piece: BlockPiece,
  room: number,
  keepFirst: boolean,
  countTokens: TokenCounter,
): BlockPiece[] {
  const text = block.text;
  const isCode = block.kind === 'code';
  const out: BlockPiece[] = [];
  const lines = piece.level === 'sentence' ? [piece] : lineRanges(text, piece.start, piece.end, isCode);
  for (let li = lines.length - 1; li >= 0; li--) {
    const line = lines[li];
    if (!line) break;
    const isFirstLine = keepFirst && li === 0;
    if (!isFirstLine) {
      const tokens = countTokens(text.slice(line.start, line.end));
      if (tokens <= room) {
        out.push(toPiece(piece.block, line, tokens, 'line'));
        room -= tokens;
        continue;
      }
    }
    if (!isCode) {
      const sentences = sentenceRanges(text, line.start, line.end);
      const first = isFirstLine ? 1 : 0;
      for (let si = sentences.length - 1; si >= first; si--) {
        const sentence = sentences[si];
        if (!sentence) break;
        const tokens = countTokens(text.slice(sentence.start, sentence.end));
        if (tokens > room) break;
        out.push(toPiece(piece.block, sentence, tokens, 'sentence'));
        room -= tokens;
      }
    }
    break;
  }
  return out;
}

function toPiece(block: number, range: TextRange, tokens: number, level: 'line' | 'sentence'): BlockPiece {
  return { block, start: range.start, end: range.end, tokens, level };
}
