/**
 * The DocumentWriter port (ports.ts) over the SQLite store's repositories, so code written against the ports
 * (the stores' shared test suite, tools that fill an index) writes to either store alike. The indexer still calls
 * the repositories directly: it also records problems, redactions and touches in the same transactions.
 */
import type { DocumentFacts, DocumentWriter, IndexedContent } from '../../ports.ts';
import type { Store } from './store.ts';

export class SqliteDocumentWriter implements DocumentWriter {
  constructor(private readonly store: Pick<Store, 'documents' | 'vectors'>) {}

  async writeDocument(facts: DocumentFacts, content: IndexedContent): Promise<void> {
    this.store.documents.writeIndexed(facts, content);
  }

  async removeDocument(path: string): Promise<void> {
    const state = this.store.documents.stateByPath(path);
    if (state) this.store.documents.remove(state.id);
  }

  async useVectorFingerprint(fingerprint: string, dimensions: number): Promise<void> {
    this.store.vectors.useFingerprint(fingerprint, dimensions);
  }
}
