/**
 * Answer metrics for one question, from what `engine.ask` returned:
 * - citation validity: of the citations the model wrote, the share that point to a source it was given;
 * - cited relevance: of the sources it cited, the share among the expected ones;
 * - declining: whether it said the documents do not cover the question (right for unanswerable questions,
 *   wrong for answerable ones);
 * - overlap with a reference answer: SQuAD-style token F1 (lower case, punctuation and articles removed).
 */

export interface AnswerOutcome {
  readonly declined: boolean;
  /** Valid citations written, and citations to sources that were not given (removed). */
  readonly validCitations: number;
  readonly removedCitations: number;
  /** Ids (in the dataset's terms) of the cited sources. */
  readonly citedIds: readonly string[];
  readonly answer: string;
}

export interface AnswerScores {
  /** undefined when the answer cites nothing (no citations to judge). */
  readonly citationValidity?: number;
  readonly citedRelevance?: number;
  readonly declined: boolean;
  readonly overlapF1?: number;
}

export function scoreAnswer(outcome: AnswerOutcome, expectedIds: ReadonlySet<string>, reference?: string): AnswerScores {
  const written = outcome.validCitations + outcome.removedCitations;
  const cited = [...new Set(outcome.citedIds)];
  return {
    citationValidity: written === 0 ? undefined : outcome.validCitations / written,
    citedRelevance: cited.length === 0 ? undefined : cited.filter((id) => expectedIds.has(id)).length / cited.length,
    declined: outcome.declined,
    overlapF1: reference === undefined ? undefined : tokenF1(outcome.answer, reference),
  };
}

/** Token-level F1 between a prediction and a reference, as in SQuAD's evaluation script. */
export function tokenF1(prediction: string, reference: string): number {
  const predicted = normalizeTokens(prediction);
  const expected = normalizeTokens(reference);
  if (predicted.length === 0 || expected.length === 0) return predicted.length === expected.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of expected) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

function normalizeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\[\d+\]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((token) => token !== '' && !['a', 'an', 'the'].includes(token));
}
