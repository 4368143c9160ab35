/**
 * The lexical signal of "is this passage about the question?": how much of the question's term weight the
 * passage holds, each term weighted by its rarity in the index (IDF). BM25 and RRF scores have no
 * corpus-independent scale, so they cannot be thresholded; a share of IDF mass can (0–1, whatever the index).
 *
 * - A rare term matters more than a common one: "How do I rotate the Kerberos keytab?" is about "keytab"
 *   far more than about "rotate".
 * - A term the index never saw gets the largest IDF there is (see `weighQuery`): a question whose important
 *   words the documents never mention ("What is the capital of Mongolia?") is not covered, whatever common
 *   words it shares.
 * - Terms are the query's terms as search uses them (`queryTerms`: analysed like the index, stop words
 *   dropped), and the passage is analysed like the index too (title, heading and text, as in `chunks_fts`).
 *
 * Why no separate "the passage must hold the query's rarest term" rule: IDF weighting already gives the
 * rarest term the largest share, so a passage missing it needs most of the other words to pass. A hard rule
 * was tried (a passage had to hold the rarest indexed term, or one at most twice as common) and measured with
 * scripts/bench/relevance-lexical.ts: it declined paraphrases whose rarest word is incidental ("What do I get
 * when triggers are activated twice?" against "Repeated activation of the same trigger has no additional
 * effect") and did not decline a single unanswerable question that coverage alone let through, because those
 * pass on exactly their rarest word ("Kerberos" mentioned in an unrelated release note).
 *
 * Limitation: a passage that answers only in other words (found by vector search) holds little of the
 * question's mass; the semantic signals (relevance-gate.ts) can rescue it when a model is configured.
 */
import { analyze, queryTerms } from '../search/analyze.ts';
import { indexedRespellings } from '../search/respellings.ts';
import type { TermFrequencies } from '../ports.ts';
import { absentTermWeight } from './everyday-words.ts';
import { passageUnits } from './passage-units.ts';

/** Port: the index's chunk count and per-term document frequencies (store/term-stats.ts). */
export type TermStatisticsSource = (terms: readonly string[]) => TermFrequencies;

export interface WeightedTerm {
  readonly term: string;
  /** Chunks of the index holding the term; 0 when the index never saw it. */
  readonly documentFrequency: number;
  readonly idf: number;
}

/** A query's terms with their weights; build once per question, then judge every passage against it. */
export interface WeightedQuery {
  readonly terms: readonly WeightedTerm[];
}

export interface LexicalEvidence {
  /** Share (0–1) of the query's IDF mass whose terms occur in the passage. */
  readonly coverage: number;
}

/** BM25's (Robertson–Spärck Jones, as in Lucene) IDF: always positive, larger for rarer terms. */
export function inverseDocumentFrequency(documentFrequency: number, chunks: number): number {
  const df = Math.min(Math.max(documentFrequency, 0), chunks);
  return Math.log(1 + (chunks - df + 0.5) / (df + 0.5));
}

/**
 * Weighs the query's terms by their IDF in the index. A term the index never saw weighs as much as the
 * rarest term an index can hold (one chunk): the largest IDF there is in this index. Not more, although
 * BM25's formula gives df = 0 more: how much more depends on the index size (ln(2N + 2) against
 * ln(1 + (N − 0.5) / 1.5): about twice as much in a 4-chunk folder, 10% more at 100k chunks), so the same
 * question would be judged differently in a small folder and a large one. With the floor, a two-word question
 * whose passage holds one of two equally rare words is covered exactly half, whatever the size. Without
 * statistics (no index at hand, e.g. unit tests of the pipeline) every term weighs the same, which makes
 * coverage the plain share of terms.
 */
export function weighQuery(query: string, statistics?: TermStatisticsSource): WeightedQuery {
  const terms = statistics ? termsAsIndexed(query, statistics) : queryTerms(query);
  const frequencies = statistics?.(terms);
  const weighted = terms.map((term): WeightedTerm => {
    if (!frequencies) return { term, documentFrequency: 1, idf: 1 };
    const documentFrequency = frequencies.documentFrequency.get(term) ?? 0;
    const idf = inverseDocumentFrequency(Math.max(documentFrequency, 1), frequencies.chunks);
    return { term, documentFrequency, idf: documentFrequency === 0 ? idf * absentTermWeight(term) : idf };
  });
  return { terms: weighted };
}

/**
 * The query's terms, a word the index lacks as the asker writes it taken as the index writes it ("colour" judged
 * as "color", "config" as "configuration": respellings.ts), so a manual written the other way covers it.
 */
function termsAsIndexed(query: string, statistics: TermStatisticsSource): string[] {
  const isIndexed = (term: string) => (statistics([term]).documentFrequency.get(term) ?? 0) > 0;
  const respelled = indexedRespellings(query, isIndexed);
  return [...new Set(queryTerms(query).map((term) => respelled.get(term) ?? term))];
}

/** A passage as the index holds it: the document title, the heading path and the text. */
export interface PassageParts {
  readonly title?: string | null;
  readonly heading: string;
  readonly text: string;
}

/**
 * Sentences (or lines, list items, table rows) read together when judging coverage: the best sentence and its
 * neighbours, the window an answer is focused on (focus.ts). Terms scattered over a long passage ("mail
 * server" in one paragraph, "scan" in another, "attachments" in a third) are weaker evidence than the same
 * terms in one place; on the dev sets (scripts/eval/devsets) judging by 3-sentence windows declined 54% of
 * unanswerable questions at 4% of answerable ones wrongly declined, against 42% for whole passages and
 * 42% for single sentences.
 */
const WINDOW_UNITS = 3;

/**
 * How much of the query's weight the passage holds: the title and heading count everywhere, the text by its
 * best window of WINDOW_UNITS consecutive sentences. A plain string is a text without title or heading.
 */
export function lexicalEvidence(query: WeightedQuery, passage: PassageParts | string): LexicalEvidence {
  const total = query.terms.reduce((sum, term) => sum + term.idf, 0);
  if (total === 0) return { coverage: 0 };
  const parts = typeof passage === 'string' ? { heading: '', text: passage } : passage;
  const heading = new Set(analyze(`${parts.title ?? ''}\n${parts.heading}`));
  const units = passageUnits(parts.text).map((unit) => new Set(analyze(parts.text.slice(unit.start, unit.end))));
  let best = 0;
  for (let first = 0; first < Math.max(1, units.length - WINDOW_UNITS + 1); first++) {
    const window = units.slice(first, first + WINDOW_UNITS);
    const held = (term: string) => heading.has(term) || window.some((unit) => unit.has(term));
    best = Math.max(best, query.terms.reduce((sum, term) => sum + (held(term.term) ? term.idf : 0), 0));
  }
  return { coverage: best / total };
}

/** The lexical verdict: at least `minCoverage` of the query's weight, and some of it. */
export function isLexicallyCovered(evidence: LexicalEvidence, minCoverage: number): boolean {
  return evidence.coverage > 0 && evidence.coverage >= minCoverage;
}
