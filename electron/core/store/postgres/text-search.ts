/**
 * Trove's own analyser (search/analyze.ts) in PostgreSQL's full-text types. The terms are written as tsvector
 * and tsquery literals, never parsed by a text search configuration, so PostgreSQL stores and matches exactly
 * the terms SQLite's FTS5 table holds: the same stems, folded accents, CJK bigrams and dropped stop words.
 * Title and heading terms carry weight A, body terms D, which the BM25 query weighs like FTS5's column weights.
 */
import { analyze } from '../../search/analyze.ts';

/** PostgreSQL keeps positions up to 16383 and rejects lexemes of 2 KiB or more. */
const MAX_POSITION = 16_383;
const MAX_LEXEME_BYTES = 2_000;

export interface AnalysedChunk {
  /** A tsvector literal: each term with its positions, A for title/heading, D for body. */
  readonly vector: string;
  /** How many terms were indexed: the chunk's length for BM25. */
  readonly length: number;
}

/** The tsvector of a chunk's title + heading and body, as the SQLite store indexes the same two fields. */
export function analyseChunk(titleAndHeading: string, body: string): AnalysedChunk {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (terms: readonly string[], weight: 'A' | 'D') => {
    for (const term of terms) {
      position += 1;
      if (Buffer.byteLength(term) >= MAX_LEXEME_BYTES) continue;
      const list = positions.get(term) ?? [];
      list.push(`${Math.min(position, MAX_POSITION)}${weight}`);
      positions.set(term, list);
    }
  };
  add(analyze(titleAndHeading), 'A');
  add(analyze(body), 'D');
  const vector = [...positions].map(([term, at]) => `${quoteLexeme(term)}:${at.join(',')}`).join(' ');
  return { vector, length: position };
}

/** Quotes a lexeme for tsvector/tsquery input: quotes and backslashes inside are doubled. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
