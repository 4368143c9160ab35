/**
 * The thresholds of the relevance signals, kept in the index's `meta` table with the model they were
 * measured for: a reranker's scores or an embedding model's cosines mean nothing for another model, so a
 * calibration is stored under the reranker's model id or the embedding fingerprint, and a model without one
 * uses the built-in default. The lexical signal has no model; its key carries the version of its rule, so a
 * change of the rule retires old calibrations.
 *
 * Defaults, and how they were chosen:
 * - lexical 0.33 (share of the query's IDF mass in the passage's best 3-sentence window, absent everyday words
 *   weighing less: relevance.ts, everyday-words.ts): chosen by chooseThreshold on the two dev sets
 *   (scripts/eval/devsets: 117 answerable paraphrased questions and 26 unanswerable ones over a PDF and an
 *   HTML manual, BM25 top 8): 4% of answerable questions wrongly declined, 54% of unanswerable ones declined.
 *   Words alone cannot do much better: an unanswerable question often shares all but one everyday word with
 *   some passage ("Can students take the test on their phones instead of on paper?"), which is why the
 *   semantic signals below, or the chat model's own abstention, decide when configured.
 * - reranker 0.3: node-llama-cpp returns the cross-encoder's sigmoid probability; 0.5 is the model's own
 *   "as likely as not", and the default leans towards answering (logit ≈ −0.85) until it is calibrated for
 *   the model on one's own questions.
 * - embedding 0.8 (cosine): a bi-encoder's cosine scale differs by model (bge-m3 puts related pairs near 0.6,
 *   bge-small near 0.8), so the default only rescues passages when the similarity is high for any common model.
 */
import { RELEVANCE_THRESHOLD_PREFIX, type Settings } from '../settings-keys.ts';
import type { Calibration } from './relevance-calibration.ts';

export type RelevanceSignal = 'lexical' | 'reranker' | 'embedding';

/** Version of the lexical rule (relevance.ts): bump it when the rule changes so old calibrations are ignored. */
export const LEXICAL_RULE_VERSION = 'idf-window-coverage-2';

export const DEFAULT_THRESHOLDS: Readonly<Record<RelevanceSignal, number>> = { lexical: 0.33, reranker: 0.3, embedding: 0.8 };

/** Key/value settings (the index's MetaTable). */
export type SettingsTable = Pick<Settings, 'get' | 'set'>;

/** A calibration as stored, with when it was made (ms since the epoch). */
export interface StoredCalibration extends Calibration {
  readonly calibratedAt: number;
}

export interface ResolvedThreshold {
  readonly value: number;
  /** Whether it was measured for this model (`calibrated`) or is the built-in default. */
  readonly source: 'calibrated' | 'default';
}

/** The models in use: a signal without its model is not resolved. */
export interface SignalModels {
  /** The reranker's model id, when a reranker is configured. */
  readonly reranker?: string;
  /** The embedding fingerprint, when an embedding model is configured. */
  readonly embedding?: string;
}

export type ResolvedThresholds = { readonly lexical: ResolvedThreshold } & Partial<Record<'reranker' | 'embedding', ResolvedThreshold>>;

/** The meta key of a signal's threshold for a model: `relevance_threshold:<signal>:<model>`. */
export function thresholdKey(signal: RelevanceSignal, model?: string): string {
  if (signal === 'lexical') return `${RELEVANCE_THRESHOLD_PREFIX}lexical:${LEXICAL_RULE_VERSION}`;
  if (!model) throw new Error(`A ${signal} threshold belongs to a model; none was given.`);
  return `${RELEVANCE_THRESHOLD_PREFIX}${signal}:${model}`;
}

/** Stores a calibrated threshold (from `chooseThreshold`) for a signal and its model. */
export function storeThreshold(settings: SettingsTable, signal: RelevanceSignal, model: string | undefined, calibration: Calibration, now: number): StoredCalibration {
  const stored: StoredCalibration = { ...calibration, calibratedAt: now };
  settings.set(thresholdKey(signal, model), JSON.stringify(stored));
  return stored;
}

/** The stored calibration of a signal for a model, or undefined when there is none (or it is unreadable). */
export function storedThreshold(settings: SettingsTable, signal: RelevanceSignal, model?: string): StoredCalibration | undefined {
  const raw = settings.get(thresholdKey(signal, model));
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredCalibration> | null;
    // A damaged or foreign value must not switch the gate off: it falls back to the default.
    return parsed && typeof parsed.threshold === 'number' && Number.isFinite(parsed.threshold) ? (parsed as StoredCalibration) : undefined;
  } catch {
    return undefined;
  }
}

/** The thresholds for the models in use: calibrated where stored, else the defaults. */
export function resolveThresholds(settings: SettingsTable, models: SignalModels): ResolvedThresholds {
  const resolve = (signal: RelevanceSignal, model?: string): ResolvedThreshold => {
    const stored = storedThreshold(settings, signal, model);
    return stored ? { value: stored.threshold, source: 'calibrated' } : { value: DEFAULT_THRESHOLDS[signal], source: 'default' };
  };
  return {
    lexical: resolve('lexical'),
    ...(models.reranker ? { reranker: resolve('reranker', models.reranker) } : {}),
    ...(models.embedding ? { embedding: resolve('embedding', models.embedding) } : {}),
  };
}

/** Thresholds when no settings are at hand: the defaults. */
export function defaultThresholds(models: SignalModels = {}): ResolvedThresholds {
  return resolveThresholds({ get: () => undefined, set: () => {} }, models);
}
