/**
 * "Covered or not": which retrieved passages are about the question, from the evidence there is.
 *
 * Signals (each with a threshold per model, relevance-thresholds.ts):
 * - lexical (always): share of the query's IDF mass in the passage (relevance.ts); none at all when the question
 *   names something no indexed file mentions (unknown-names.ts);
 * - reranker (when configured): the cross-encoder's 0–1 score of query and passage read together;
 * - embedding (when configured): cosine of the query's vector with the passage's stored vector.
 *
 * How they combine, and why:
 * - With a reranker, its verdict decides alone. It is the one signal that reads the question and the
 *   passage together and was trained to judge exactly this; term overlap and vector similarity are proxies of
 *   the same judgement, so they neither veto it (a paraphrase the reranker accepts is kept) nor overrule it
 *   (a passage sharing the question's words but not answering it is dropped).
 * - Without one, a passage is kept when the lexical signal says covered, or when the embedding similarity is
 *   at least its threshold. Embeddings rescue paraphrases that share few words with the question, but they do
 *   not veto: a short query's cosine with a long passage is a weak, model-specific scale, and a passage that
 *   holds the question's rare terms is on topic whatever the cosine says. The embedding threshold is therefore
 *   high (precise) by default.
 * - Without either model, the lexical signal decides.
 */
import { rerankHits } from '../search/rerank.ts';
import type { SearchHit } from '../search/searcher.ts';
import type { Ranker } from './ports.ts';
import { isLexicallyCovered, lexicalEvidence, weighQuery, type LexicalEvidence } from './relevance.ts';
import { statisticsFor, type TermStatisticsPort } from './term-lookup.ts';
import { unknownNames, type PhrasePresence } from './unknown-names.ts';
import { defaultThresholds, type ResolvedThresholds, type SignalModels } from './relevance-thresholds.ts';

/** Port: query–passage embedding similarity (engine: the query embedder and the stored vectors). */
export interface QuerySimilarity {
  /** The embedding fingerprint the vectors carry: the key of the embedding threshold. */
  readonly fingerprint: string;
  /** Cosine of the query with each hit's stored vector; undefined for a hit without one. */
  similarities(query: string, hits: readonly SearchHit[]): Promise<(number | undefined)[]>;
}

/** What the gate needs beyond the reranker; every part is optional (missing parts mean a weaker gate, never an error). */
export interface RelevanceEvidence {
  /** Document frequencies from the index, for IDF weights; without them every term weighs the same. */
  readonly termStatistics?: TermStatisticsPort;
  /** Whether the index holds words side by side: a name of several words ("Home Assistant") is known only so. */
  readonly phrases?: PhrasePresence;
  readonly similarity?: QuerySimilarity;
  /** The thresholds for the models in use (calibrated or default); default: the built-in defaults. */
  readonly thresholds?: (models: SignalModels) => ResolvedThresholds;
}

export interface PassageVerdict {
  /** The hit; after reranking its `score` is the reranker's. */
  readonly hit: SearchHit;
  readonly lexical: LexicalEvidence;
  readonly rerankScore?: number;
  readonly similarity?: number;
  readonly covered: boolean;
}

export interface Judgement {
  /** Names in the question that no indexed chunk holds (unknown-names.ts): lexically, nothing covers it. */
  readonly unknownNames: readonly string[];
  /** The query's terms as judged: spelled as the index spells them where it differs ("color" for "colour"). */
  readonly terms: readonly string[];
  /** Every candidate with its evidence, in final order (the reranker's when one ran). */
  readonly verdicts: readonly PassageVerdict[];
  /** The candidates judged covered, in order. */
  readonly covered: SearchHit[];
  /** The reranker that ordered and judged the candidates, when one did. */
  readonly reranker?: string;
  readonly thresholds: ResolvedThresholds;
}

/** Each signal's score for the best passage of one question: the numbers `chooseThreshold` calibrates on. */
export interface QuestionScores {
  /** Best coverage of the query's IDF mass; 0 without candidates. */
  readonly lexical: number;
  readonly reranker?: number;
  readonly embedding?: number;
}

export class RelevanceGate {
  constructor(
    private readonly evidence: RelevanceEvidence,
    private readonly ranker?: Ranker,
  ) {}

  /** Judges `candidates` (first-stage order) for `query`; reranks them first when a reranker is configured. */
  async judge(query: string, candidates: readonly SearchHit[]): Promise<Judgement> {
    const { ranker } = this;
    const similarity = ranker ? undefined : this.evidence.similarity;
    const thresholds = (this.evidence.thresholds ?? defaultThresholds)({ reranker: ranker?.modelId, embedding: similarity?.fingerprint });
    const statistics = this.evidence.termStatistics && (await statisticsFor([query], this.evidence.termStatistics));
    const names = await unknownNames(query, statistics, this.evidence.phrases);
    const weighted = weighQuery(query, statistics);
    const terms = weighted.terms.map((term) => term.term);
    if (candidates.length === 0) return { unknownNames: names, terms, verdicts: [], covered: [], thresholds, ...(ranker ? { reranker: ranker.modelId } : {}) };
    const ordered = ranker ? await rerankHits(ranker, query, candidates) : [...candidates];
    const cosines = similarity ? await similarity.similarities(query, ordered) : [];
    // A name no file mentions leaves the question uncovered by word evidence, whatever else a passage holds.
    const lexical = ordered.map((hit) => (names.length > 0 ? { coverage: 0 } : lexicalEvidence(weighted, hit)));
    // Whether the question is covered is the best passage's call; which passages answer it is relative to that
    // best one: a passage holding half of what the best holds is a weaker source, shown only when it is all there is.
    const best = Math.max(...lexical.map((evidence) => evidence.coverage));
    const relative = { ...thresholds, lexical: { ...thresholds.lexical, value: Math.max(thresholds.lexical.value, SHARE_OF_BEST * best) } };
    const verdicts = ordered.map((hit, index): PassageVerdict => {
      const evidence = { lexical: lexical[index] as LexicalEvidence, rerankScore: ranker ? hit.score : undefined, similarity: cosines[index] };
      return { hit, ...evidence, covered: isCovered(evidence, relative) };
    });
    return {
      unknownNames: names,
      terms,
      verdicts,
      covered: verdicts.filter((verdict) => verdict.covered).map((verdict) => verdict.hit),
      thresholds,
      ...(ranker ? { reranker: ranker.modelId } : {}),
    };
  }
}

/** Lexically, a passage must hold at least this share of what the best candidate holds of the query. */
const SHARE_OF_BEST = 0.6;

/** The combination rule (see the file comment). */
export function isCovered(evidence: { lexical: LexicalEvidence; rerankScore?: number; similarity?: number }, thresholds: ResolvedThresholds): boolean {
  if (evidence.rerankScore !== undefined && thresholds.reranker) return evidence.rerankScore >= thresholds.reranker.value;
  if (isLexicallyCovered(evidence.lexical, thresholds.lexical.value)) return true;
  return evidence.similarity !== undefined && thresholds.embedding !== undefined && evidence.similarity >= thresholds.embedding.value;
}

/** The best passage's score under each signal present in `judgement`. */
export function questionScores(judgement: Judgement): QuestionScores {
  const max = (values: readonly (number | undefined)[]) => {
    const present = values.filter((value): value is number => value !== undefined);
    return present.length > 0 ? Math.max(...present) : undefined;
  };
  const { verdicts } = judgement;
  const reranker = max(verdicts.map((v) => v.rerankScore));
  const embedding = max(verdicts.map((v) => v.similarity));
  return {
    lexical: max(verdicts.map((v) => v.lexical.coverage)) ?? 0,
    ...(reranker !== undefined ? { reranker } : {}),
    ...(embedding !== undefined ? { embedding } : {}),
  };
}
