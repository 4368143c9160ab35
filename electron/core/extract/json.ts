/**
 * JSON and JSON Lines. JSON.parse is the validator; blocks are groups of consecutive members of the
 * top-level object or array, descending into members too big to be one block, with the key path as
 * headingPath. Block text is the verbatim source of its members, so its lines are the source lines.
 */
import { blockAt, type Extraction } from './block.ts';
import { jsonMembers, type JsonMember } from './json-spans.ts';
import { LineIndex } from './line-index.ts';
import { groupRecords, type RenderedRecord } from './row-groups.ts';
import { FormatFailure } from './format-failure.ts';
import type { TextBlock } from '../types.ts';

/** Members are grouped up to this size; a bigger object or array member is split into its own members. */
const MAX_BLOCK_CHARS = 1500;
/** Deeper than this, a big member stays one block and the chunker splits it by lines. */
const MAX_DEPTH = 12;

export function extractJson(source: string): Extraction {
  if (source.trim() === '') return { blocks: [] };
  try {
    JSON.parse(source);
  } catch (error) {
    // Files named .json often hold JSON Lines; read them as such rather than fail.
    if (looksLikeJsonLines(source)) return extractJsonLines(source);
    throw new FormatFailure('PARSE_FAILED', `Invalid JSON: ${(error as Error).message}`);
  }
  const lines = new LineIndex(source);
  const blocks: TextBlock[] = [];
  const open = source.search(/\S/);
  if (open === -1) return { blocks };
  if (source[open] === '{' || source[open] === '[') {
    emitMembers(source, lines, open, [], blocks);
  }
  if (blocks.length === 0) {
    // A scalar, or an empty container: the whole document is one block.
    const end = source.trimEnd().length;
    blocks.push(blockAt(lines, open, end, { kind: 'code', text: source.slice(open, end), headingPath: [] }));
  }
  return { blocks };
}

/** One JSON value per line; every non-blank line must parse. */
export function extractJsonLines(source: string): Extraction {
  const lines = new LineIndex(source);
  const records: RenderedRecord[] = [];
  for (let line = 1; line <= lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (text.trim() === '') continue;
    try {
      JSON.parse(text);
    } catch (error) {
      throw new FormatFailure('PARSE_FAILED', `Line ${line} is not valid JSON: ${(error as Error).message}`);
    }
    records.push({ startLine: line, endLine: line, text });
  }
  return { blocks: groupRecords(lines, records) };
}

function emitMembers(source: string, lines: LineIndex, open: number, path: readonly string[], out: TextBlock[]): void {
  let group: JsonMember[] = [];
  const flush = (): void => {
    const first = group[0];
    const last = group.at(-1);
    if (first && last) {
      const text = source.slice(first.start, last.end);
      out.push(blockAt(lines, first.start, last.end, { kind: 'code', text, headingPath: path }));
    }
    group = [];
  };
  for (const member of jsonMembers(source, open)) {
    const size = member.end - member.start;
    const opener = source[member.valueStart];
    if (size > MAX_BLOCK_CHARS && (opener === '{' || opener === '[') && path.length < MAX_DEPTH) {
      flush();
      emitMembers(source, lines, member.valueStart, [...path, member.key ?? `[${member.index}]`], out);
      continue;
    }
    const groupStart = group[0]?.start ?? member.start;
    if (group.length > 0 && member.end - groupStart > MAX_BLOCK_CHARS) flush();
    group.push(member);
  }
  flush();
}

function looksLikeJsonLines(source: string): boolean {
  const nonBlank = source.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  if (nonBlank.length < 2) return false;
  return nonBlank.every((line) => {
    try {
      JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  });
}
