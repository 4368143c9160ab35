/**
 * Grounded answers: retrieve → keep relevant passages → (rerank) → fit into the context by real token counts →
 * prompt with numbered sources → stream the answer with citations checked against the sources given.
 */
import { createHash } from 'node:crypto';
import { TroveError } from '../errors.ts';
import { estimateTokens } from '../chunk/estimate-tokens.ts';
import { queryTerms } from '../search/analyze.ts';
import type { SearchHit, SearchOptions, SearchResponse } from '../search/searcher.ts';
import { extractiveAnswer, NO_MODEL_NOTICE, NOT_COVERED } from './answer-text.ts';
import { CitationStreamFilter } from './citations.ts';
import { fitToContext, longestFittingPrefix, withinSourceBudget } from './context-budget.ts';
import { focusPassage, rarityWeights, type FocusedPassage } from './focus.ts';
import type { Generator, Ranker } from './ports.ts';
import { groundedMessages, ungroundedMessages, type PromptSource } from './prompt.ts';
import { AbstentionStreamGuard, isAbstention } from './abstention.ts';
import { RelevanceGate, type RelevanceEvidence } from './relevance-gate.ts';
import type { AskCitation, AskOptions, AskResult, AskStream } from './types.ts';

export const DEFAULT_ASK_K = 8;
/** Candidates the reranker re-scores: more than k, so it can promote a passage the first stage ranked low. */
const RERANK_DEPTH = 20;
const DEFAULT_ANSWER_TOKENS = 512;
/** The default answer reserve never takes more than this share of the context: a small model still fits sources. */
const DEFAULT_ANSWER_SHARE = 1 / 4;
/** An answer budget the caller sets may take up to half of the context, never more. */
const MAX_ANSWER_SHARE = 1 / 2;
const MIN_ANSWER_TOKENS = 16;
/**
 * Source text given to the model, in estimated tokens: three or four focused passages (focus.ts keeps up to ~120
 * tokens each). More sources rarely help a small model and cost first-token time on a CPU: with whole-chunk
 * sources the prompt filled the window (3,000+ tokens, 25 s to the first token of a 0.5B model on 2 cores);
 * measured in docs/benchmarks.md (600 tokens: 0.65× the prompt tokens, 1.7× as fast).
 */
const SOURCE_TOKEN_BUDGET = 400;
/** Passages in an extractive answer: enough to answer from, few enough to read. */
const EXTRACTIVE_PASSAGES = 3;
/**
 * Tokens each passage of an extractive answer may show: the best sentence with its neighbours (~75 tokens of
 * prose) and a little more. Read by a person, not a model, so nothing is gained by a second window; measured on
 * the dev sets (docs/benchmarks.md), right passages shown did not drop from 120 tokens.
 */
const EXTRACTIVE_FOCUS_TOKENS = 100;

export interface AnswererPorts {
  readonly search: (query: string, options: SearchOptions) => Promise<SearchResponse>;
  readonly generator?: Generator;
  readonly ranker?: Ranker;
  /** Evidence for the covered / not covered decision beyond the reranker (relevance-gate.ts). */
  readonly relevance?: RelevanceEvidence;
  /** Monotonic milliseconds, for timings. */
  readonly now?: () => number;
}

type Source = PromptSource & { readonly hit: SearchHit };

export class Answerer {
  private readonly now: () => number;

  constructor(private readonly ports: AnswererPorts) {
    this.now = ports.now ?? (() => performance.now());
  }

  async ask(question: string, options: AskOptions = {}, stream: AskStream = {}): Promise<AskResult> {
    if (question.trim() === '') throw new TroveError('INVALID_ARGUMENT', 'The question is empty.');
    if (options.retrieval === false) return this.ungrounded(question, options, stream);

    const k = Math.max(1, Math.floor(options.k ?? DEFAULT_ASK_K));
    const started = this.now();
    const depth = this.ports.ranker ? Math.max(k, RERANK_DEPTH) : k;
    const query = options.query?.trim() || question;
    const response = await this.ports.search(query, { k: depth, mode: options.mode, folderIds: options.folderIds, types: options.types, carried: options.carried });
    // Reranks the candidates when a reranker is configured, then keeps those judged to cover the query.
    const judgement = await new RelevanceGate(this.ports.relevance ?? {}, this.ports.ranker).judge(query, response.results);
    const hits = judgement.covered.slice(0, k);
    const reranker = judgement.reranker === undefined ? undefined : this.ports.ranker;
    const retrieveMs = this.now() - started;
    const base = { retrieval: { mode: response.mode, k, ...(reranker ? { reranker: reranker.modelId } : {}) }, notices: [...response.notices], retrieveMs };

    if (hits.length === 0) {
      return this.result({ ...base, kind: 'abstained', answer: NOT_COVERED });
    }
    const { generator } = this.ports;
    // Each source is given as the parts of its chunk that bear on the question, cited by their own lines.
    const focusTerms = [...new Set([...queryTerms(query), ...judgement.terms])];
    if (!generator) {
      const sources = numbered(hits.slice(0, EXTRACTIVE_PASSAGES).map(focuser(focusTerms, hits, EXTRACTIVE_FOCUS_TOKENS)));
      const answer = extractiveAnswer(sources, focusTerms);
      stream.onToken?.(answer);
      return this.result({ ...base, kind: 'extractive', answer, sources, cited: sources.map((s) => s.n), notices: [...base.notices, NO_MODEL_NOTICE] });
    }

    const focus = focuser(focusTerms, hits);
    const answerTokens = answerBudget(options.maxAnswerTokens, generator.contextSize);
    const candidates = withinSourceBudget(hits.map(focus), (source) => estimateTokens(source.passage.text), SOURCE_TOKEN_BUDGET);
    const build = (selected: readonly FocusedHit[]) => groundedMessages(question, numbered(selected));
    const fits = (selected: readonly FocusedHit[]) => generator.countPromptTokens(build(selected)) + answerTokens <= generator.contextSize;
    const fitted = fitToContext({ candidates, build, count: (m) => generator.countPromptTokens(m), contextSize: generator.contextSize, answerTokens });
    let selected = fitted.sources;
    if (selected.length === 0) {
      // Even the best passage is longer than the window allows: give the model its beginning.
      const top = candidates[0] as FocusedHit;
      const shortened = (text: string): FocusedHit => ({ ...top, passage: { ...top.passage, text } });
      const prefix = longestFittingPrefix(top.passage.text, (text) => fits([shortened(text)]));
      if (prefix === undefined) {
        throw new TroveError('INVALID_ARGUMENT', `The question and instructions leave no room for sources in the model's context of ${generator.contextSize} tokens; use a model with a larger context.`);
      }
      selected = [shortened(prefix)];
      base.notices.push('The best passage was shortened to fit the model\'s context window.');
    }
    const sources = numbered(selected);
    const guard = new AbstentionStreamGuard((text) => stream.onToken?.(text));
    const filter = new CitationStreamFilter(sources.length, (text) => guard.push(text));
    const generation = await generator.generate(
      groundedMessages(question, sources),
      { maxTokens: answerTokens, temperature: options.temperature ?? 0, seed: options.seed },
      { onToken: (text) => filter.push(text), signal: stream.signal },
    );
    const checked = filter.finish();
    // The model said the sources do not answer: report the standard text, no citations (abstention.ts).
    const abstained = generation.stopReason !== 'aborted' && isAbstention(checked.text);
    guard.finish(abstained);
    if (abstained) return this.result({ ...base, kind: 'abstained', answer: NOT_COVERED, sources, generator, generation });
    return this.result({
      ...base,
      kind: 'generated',
      answer: checked.text.trim(),
      sources,
      cited: checked.cited,
      removed: checked.removed,
      generator,
      generation,
    });
  }

  private async ungrounded(question: string, options: AskOptions, stream: AskStream): Promise<AskResult> {
    const { generator } = this.ports;
    if (!generator) throw new TroveError('INVALID_ARGUMENT', 'Answering without retrieval needs a chat model: pass --model <file.gguf>.');
    const answerTokens = answerBudget(options.maxAnswerTokens, generator.contextSize);
    const generation = await generator.generate(
      ungroundedMessages(question),
      { maxTokens: answerTokens, temperature: options.temperature ?? 0, seed: options.seed },
      { onToken: stream.onToken, signal: stream.signal },
    );
    return this.result({
      kind: 'ungrounded',
      answer: generation.text.trim(),
      retrieval: { mode: 'none', k: 0 },
      notices: ['Answered by the model alone: the documents were not searched.'],
      retrieveMs: 0,
      generator,
      generation,
    });
  }

  private result(parts: {
    kind: AskResult['kind'];
    answer: string;
    retrieval: AskResult['retrieval'];
    notices: string[];
    retrieveMs: number;
    sources?: readonly Source[];
    cited?: readonly number[];
    removed?: number;
    generator?: Generator;
    generation?: Awaited<ReturnType<Generator['generate']>>;
  }): AskResult {
    const sources = (parts.sources ?? []).map(toCitation);
    const byNumber = new Map(sources.map((s) => [s.n, s]));
    const generation = parts.generation;
    const decoded = generation ? generation.completionTokens - 1 : 0;
    return {
      kind: parts.kind,
      answer: parts.answer,
      citations: (parts.cited ?? []).flatMap((n) => byNumber.get(n) ?? []),
      sources,
      removedCitations: parts.removed ?? 0,
      model: parts.generator?.modelId ?? null,
      adapters: parts.generator?.adapters ?? [],
      retrieval: parts.retrieval,
      timings: {
        retrieveMs: parts.retrieveMs,
        promptTokens: generation?.promptTokens ?? 0,
        firstTokenMs: generation?.firstTokenMs ?? null,
        // Decode speed: tokens after the first over the time after the first (the first includes the prompt).
        tokensPerSecond: generation && decoded > 0 && generation.decodeMs > 0 ? decoded / (generation.decodeMs / 1000) : null,
      },
      aborted: generation?.stopReason === 'aborted',
      notices: parts.notices,
    };
  }
}

/**
 * Tokens kept free for the answer, decided here only: by default 512, at most a quarter of the context (half
 * would leave a small model's context no room for sources once the instructions are in); a budget the caller
 * asks for, at most half.
 */
export function answerBudget(requested: number | undefined, contextSize: number): number {
  if (requested !== undefined) return Math.min(requested, Math.floor(contextSize * MAX_ANSWER_SHARE));
  return Math.max(MIN_ANSWER_TOKENS, Math.min(DEFAULT_ANSWER_TOKENS, Math.floor(contextSize * DEFAULT_ANSWER_SHARE)));
}

/** A hit with the part of it given to the model. */
interface FocusedHit {
  readonly hit: SearchHit;
  readonly passage: FocusedPassage;
}

/** Focuses hits on the question's terms, weighting each term by how few of the hits hold it. */
function focuser(terms: readonly string[], hits: readonly SearchHit[], maxTokens?: number): (hit: SearchHit) => FocusedHit {
  const termWeight = rarityWeights(terms, hits.map((hit) => hit.text));
  return (hit) => ({ hit, passage: focusPassage(terms, hit, { termWeight, maxTokens }) });
}

function numbered(focused: readonly FocusedHit[]): Source[] {
  return focused.map(({ hit, passage }, index) => ({
    n: index + 1,
    path: hit.path,
    startLine: passage.startLine,
    endLine: passage.endLine,
    page: passage.page,
    heading: hit.heading,
    text: passage.text,
    ...(hit.origin ? { origin: hit.origin } : {}),
    hit,
  }));
}

function toCitation(source: Source): AskCitation {
  const { hit } = source;
  return {
    n: source.n,
    chunkId: hit.chunkId,
    path: hit.path,
    startLine: source.startLine,
    endLine: source.endLine,
    page: source.page,
    heading: hit.heading,
    ...(hit.origin ? { origin: hit.origin } : {}),
    indexedAt: hit.indexedAt,
    textSha256: createHash('sha256').update(source.text).digest('hex'),
    text: source.text,
  };
}
