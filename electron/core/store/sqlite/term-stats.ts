/**
 * Collection statistics of the full-text index: how many chunks there are and in how many of them each term
 * occurs (its document frequency), for weighting a question's terms by rarity (answer/relevance.ts).
 *
 * Why fts5vocab: `chunks_fts` is contentless, but FTS5 keeps per-term document counts in its own index, and an
 * `fts5vocab` table of type `row` reads them with one b-tree seek per term, exact at any index size and aware
 * of deletions (`contentless_delete`). Counting MATCH rows instead (as bm25-plan.ts does, capped) walks
 * every posting of a common term. The vocabulary table lives in the connection's `temp` schema, so it needs no
 * migration and leaves the database file untouched.
 */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import type { TermFrequencies } from '../../ports.ts';
import { StatementCache } from './statement-cache.ts';

export class TermStatistics {
  private readonly statements: StatementCache;
  private vocabularyReady = false;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  /** Document frequencies of `terms` and the chunk count they are relative to. */
  frequencies(terms: readonly string[]): TermFrequencies {
    this.ensureVocabulary();
    const distinct = [...new Set(terms)];
    // One equality lookup per term: fts5vocab turns `term = ?` into a seek, while an IN list may scan the vocabulary.
    const lookup = this.statements.get('SELECT doc FROM temp.chunks_fts_terms WHERE term = ?');
    const documentFrequency = new Map<string, number>(
      distinct.map((term) => [term, (lookup.get(term) as { doc: number } | undefined)?.doc ?? 0]),
    );
    const chunks = (this.statements.get('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
    return { chunks, documentFrequency };
  }

  private ensureVocabulary(): void {
    if (this.vocabularyReady) return;
    this.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_fts_terms USING fts5vocab(main, chunks_fts, row)');
    this.vocabularyReady = true;
  }
}
