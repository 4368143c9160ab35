/** What `engine.ask` takes and returns. */
import type { SearchMode } from '../search/searcher.ts';
import type { SearchFilter } from '../ports.ts';
import type { NumberedSource, TextOrigin } from '../types.ts';
import type { AdapterInUse } from './ports.ts';

export interface AskOptions extends SearchFilter {
  /** What to search for, when it differs from the question (a follow-up rewritten to stand alone). Default: the question. */
  readonly query?: string;
  /** Words carried over from earlier turns of a conversation: searched too, at a lower weight than the query's (SearchOptions.carried). */
  readonly carried?: string;
  /** Passages to retrieve. Default 8. */
  readonly k?: number;
  readonly mode?: SearchMode;
  /** false: ask the model alone, without searching the documents. Default true. */
  readonly retrieval?: boolean;
  readonly temperature?: number;
  readonly seed?: number;
  /** Tokens kept free for the answer. Default 512 and at most a quarter of the context; when given, at most half. */
  readonly maxAnswerTokens?: number;
}

export interface AskStream {
  /** The answer as it is generated, with invalid citations already removed. */
  readonly onToken?: (text: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * - generated: the model answered from the sources;
 * - extractive: no chat model, the best passages are the answer;
 * - abstained: nothing retrieved is relevant enough, Trove says the documents do not cover the question;
 * - ungrounded: the model answered alone (--no-retrieval), not from the documents.
 */
export type AnswerKind = 'generated' | 'extractive' | 'abstained' | 'ungrounded';

/** A source the answer was given; `n` is the number the answer cites it by, [n]. */
export interface AskCitation extends NumberedSource {
  readonly heading: string;
  /** `ocr` when the cited text was read from a scanned page or an image. */
  readonly origin?: TextOrigin;
  /** When the cited file was indexed: compare with the file on disk to warn about stale citations. */
  readonly indexedAt: number;
  /** The file changed on disk (or is gone) since it was indexed: the passage may be out of date. */
  readonly stale?: boolean;
  /** sha256 (hex) of the exact passage text given to the model (shortened passages hash what was given); for the audit log. */
  readonly textSha256?: string;
  /** The exact passage text given to the model (after redaction), kept with the answer for feedback and export. */
  readonly text?: string;
}

export interface AskTimings {
  readonly retrieveMs: number;
  readonly promptTokens: number;
  readonly firstTokenMs: number | null;
  readonly tokensPerSecond: number | null;
}

export interface AskResult {
  readonly kind: AnswerKind;
  readonly answer: string;
  /** The sources the answer cites (for extractive answers: the passages shown). */
  readonly citations: AskCitation[];
  /** Every source given to the model, cited or not. */
  readonly sources: AskCitation[];
  /** Citations of sources that were not given, removed from the answer. */
  readonly removedCitations: number;
  readonly model: string | null;
  readonly adapters: readonly AdapterInUse[];
  /** How sources were found; `reranker` names the model that re-ordered them, when one did. */
  readonly retrieval: { readonly mode: SearchMode | 'none'; readonly k: number; readonly reranker?: string };
  readonly timings: AskTimings;
  /** True when generation was cancelled; `answer` holds the text produced until then. */
  readonly aborted: boolean;
  readonly notices: string[];
  /** The answer's record in the index (Engine.ask sets it): feedback and the training export refer to it. */
  readonly answerId?: number;
}
