/**
 * CSV/TSV via csv-parse. The first record is the header; each data row is rendered as
 * "column: value; column: value" so a row found on its own still says what its values mean. Source spans
 * come from csv-parse's per-record byte counter, which stays exact across quoted multi-line fields.
 */
import { parse, type Info } from 'csv-parse/sync';
import { type Extraction } from './block.ts';
import { LineIndex } from './line-index.ts';
import { groupRecords, type RenderedRecord } from './row-groups.ts';

/** A record as csv-parse returns it with `info: true` (its typings do not model that option). */
interface ParsedRecord {
  readonly record: string[];
  readonly info: Info;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

export function extractCsv(source: string, delimiter?: string): Extraction {
  const parsed = parse(source, {
    delimiter: delimiter ?? sniffDelimiter(source),
    // Files that mix line endings are common after copy-paste between systems.
    record_delimiter: ['\r\n', '\n', '\r'],
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as unknown as ParsedRecord[];

  const lines = new LineIndex(source);
  const toChar = utf8ToCharOffsets(source);
  const header = (parsed[0]?.record ?? []).map((name, i) => name.trim() || `column ${i + 1}`);
  const records: RenderedRecord[] = [];
  let previousEnd = 0;
  parsed.forEach(({ record, info }, index) => {
    const end = toChar(info.bytes);
    const span = trimLineBreaks(source, previousEnd, end);
    previousEnd = end;
    if (!span) return;
    const text = index === 0 ? `Columns: ${header.join('; ')}` : renderRow(header, record);
    records.push({ ...lines.linesOf(span.start, span.end), text });
  });
  return { blocks: groupRecords(lines, records) };
}

function renderRow(header: readonly string[], record: readonly string[]): string {
  const pairs: string[] = [];
  record.forEach((value, i) => {
    if (value.trim() !== '') pairs.push(`${header[i] ?? `column ${i + 1}`}: ${value.trim()}`);
  });
  return pairs.join('; ');
}

/** The delimiter that occurs most often on the first line (outside quotes is close enough for a header). */
function sniffDelimiter(source: string): string {
  const lineBreak = source.search(/\r|\n/);
  const firstLine = lineBreak === -1 ? source : source.slice(0, lineBreak);
  let best = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

/** The record's span without the blank lines skipped before it and the line break that ends it. */
function trimLineBreaks(source: string, start: number, end: number): { start: number; end: number } | undefined {
  const isBreak = (i: number): boolean => source[i] === '\n' || source[i] === '\r';
  while (start < end && isBreak(start)) start++;
  while (end > start && isBreak(end - 1)) end--;
  return end > start ? { start, end } : undefined;
}

/**
 * csv-parse counts UTF-8 bytes; block offsets are UTF-16 code units. Records arrive in order, so one
 * forward-only cursor converts all of them in a single pass over the text.
 */
function utf8ToCharOffsets(text: string): (byteOffset: number) => number {
  let char = 0;
  let byte = 0;
  return (byteOffset) => {
    while (byte < byteOffset && char < text.length) {
      const codePoint = text.codePointAt(char) ?? 0;
      byte += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      char += codePoint > 0xffff ? 2 : 1;
    }
    return char;
  };
}
