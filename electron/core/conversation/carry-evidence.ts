/**
 * Does a question that does not read as a follow-up still continue the conversation's topic? Asked of the
 * index rather than of the question's form: "Which port do I put in my browser?" after a question on Privoxy
 * names no antecedent, yet the manual's best passage for it together with the earlier words ("privoxy") holds
 * the question's own words as well as the best passage for the question alone does.
 *
 * The rule: carry the earlier words when the best passage found with them holds at least as much of the
 * question's own weight (IDF-weighted coverage in its best window, answer/relevance.ts) as the best passage
 * found without them, less COVERAGE_SLACK, and holds some of the carried weight. After a real change of topic
 * few passages hold both, so the carried search's best passage covers the new question worse and the question
 * is searched as asked. Measured on the dev sets (scripts/eval/devsets; docs/benchmarks.md, issue 11).
 */
import { lexicalEvidence, weighQuery } from '../answer/relevance.ts';
import { statisticsFor, type TermStatisticsPort } from '../answer/term-lookup.ts';
import type { ChunkHit } from '../ports.ts';
import type { StandaloneQuery } from './standalone-query.ts';

/** Coverage the carried search's passage may lose against the question's own: about one minor word in a long question. */
export const COVERAGE_SLACK = 0.05;

export interface CarryEvidencePorts {
  /** The best passage for a query (BM25), with earlier words at the carried weight; undefined when none. */
  readonly bestPassage: (query: string, carried: string) => Promise<Pick<ChunkHit, 'title' | 'heading' | 'text'> | undefined>;
  readonly termStatistics: TermStatisticsPort;
}

/**
 * Only the best passage of each search is judged: judging the best of the top 2 or 3 (a topic's overview page
 * often ranks first with the carried words) took more real changes of topic for follow-ups on the dev sets and
 * cost them 3–7 points of hit@5, for no follow-up gained.
 */
export async function continuesTopic(question: string, carried: StandaloneQuery, ports: CarryEvidencePorts): Promise<boolean> {
  if (carried.carried === '') return false;
  const [alone, together] = await Promise.all([ports.bestPassage(question, ''), ports.bestPassage(carried.query, carried.carried)]);
  if (!alone || !together) return false;
  const statistics = await statisticsFor([question, carried.carried], ports.termStatistics);
  const own = weighQuery(question, statistics);
  const earlier = weighQuery(carried.carried, statistics);
  const ownAlone = lexicalEvidence(own, alone).coverage;
  const ownTogether = lexicalEvidence(own, together).coverage;
  return ownTogether >= ownAlone - COVERAGE_SLACK && lexicalEvidence(earlier, together).coverage > 0;
}
