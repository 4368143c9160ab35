/**
 * The machine-readable shapes of search hits, answers and status: what `trove search|ask|status --json` print
 * and what the MCP tools and the OpenAI-compatible API return, so every way in gives the same data.
 */
import type { AskCitation, AskResult } from '../core/answer/types.ts';
import type { Conversed } from '../core/conversation/conversation-service.ts';
import type { EngineStatus, FreshSearchHit } from '../core/engine.ts';
import { errorAction, type ErrorCode } from '../core/errors.ts';
import type { SearchHit, SearchResponse } from '../core/search/searcher.ts';
import { spanRef } from '../core/span-ref.ts';

/** `path:12-20` for lines, `path#page=3` for a PDF page, `path#slide=4` for a slide, `path, Sheet1, rows 2-40` (span-ref.ts). */
export function citation(hit: Pick<SearchHit, 'path' | 'startLine' | 'endLine' | 'page'> & { readonly heading?: string | null }): string {
  return spanRef(hit);
}

export function searchHitJson(hit: FreshSearchHit) {
  return {
    path: hit.path,
    startLine: hit.startLine,
    endLine: hit.endLine,
    page: hit.page,
    ocr: hit.origin === 'ocr',
    score: hit.score,
    heading: hit.heading,
    text: hit.text,
    indexedAt: new Date(hit.indexedAt).toISOString(),
    stale: hit.stale,
    alsoIn: hit.alsoIn.map(citation),
  };
}

export type SearchHitJson = ReturnType<typeof searchHitJson>;

export function searchResponseJson(response: Omit<SearchResponse, 'results'> & { results: FreshSearchHit[] }) {
  return { mode: response.mode, notices: response.notices, results: response.results.map(searchHitJson) };
}

export function citationJson(c: AskCitation) {
  return { n: c.n, path: c.path, startLine: c.startLine, endLine: c.endLine, page: c.page, ocr: c.origin === 'ocr', stale: c.stale ?? false };
}

export type CitationJson = ReturnType<typeof citationJson>;

export function askResultJson(result: AskResult) {
  return {
    /** The answer's record, for `trove feedback <answerId> good|bad`; null when the answer was not recorded. */
    answerId: result.answerId === undefined ? null : String(result.answerId),
    answer: result.answer,
    kind: result.kind,
    citations: result.citations.map(citationJson),
    removedCitations: result.removedCitations,
    model: result.model,
    adapters: result.adapters,
    retrieval: result.retrieval,
    timings: result.timings,
    aborted: result.aborted,
    notices: result.notices,
  };
}

/** An answer in a conversation: its id (to continue it), what was searched for, and the answer. */
export function conversedJson(outcome: Conversed) {
  return { conversation: String(outcome.conversationId), query: outcome.query, ...askResultJson(outcome.result) };
}

export function statusJson(status: EngineStatus) {
  return { ...status, problems: status.problems.map((problem) => ({ ...problem, action: errorAction(problem.code as ErrorCode) })) };
}
