/**
 * The indexing ports' documents side (IndexDocuments, ports.ts) over the SQLite store's repositories, so the
 * indexer and code written against the ports (the stores' shared test suite, tools that fill an index) write
 * to either store alike. SQLite answers synchronously: each method does its work before its promise settles,
 * as the indexer did when it called the repositories directly, so indexing speed is unchanged.
 */
import type { DocumentFacts, DocumentProblemFacts, DocumentState, IndexDocuments, IndexedContent, VectorState } from '../../ports.ts';
import type { Store } from './store.ts';

export class SqliteDocumentWriter implements IndexDocuments {
  constructor(protected readonly store: Pick<Store, 'documents' | 'vectors' | 'redactions' | 'transaction'>) {}

  /** The document, its chunks, terms, vectors and redaction report in one transaction. */
  async writeDocument(facts: DocumentFacts, content: IndexedContent): Promise<void> {
    const { store } = this;
    store.transaction(() => {
      store.documents.writeIndexed(facts, content);
      store.redactions.replaceForPath(facts.path, content.redactions ?? []);
    });
  }

  async removeDocument(path: string): Promise<void> {
    const state = this.store.documents.stateByPath(path);
    if (state) this.store.documents.remove(state.id);
  }

  async useVectorFingerprint(fingerprint: string, dimensions: number): Promise<void> {
    this.store.vectors.useFingerprint(fingerprint, dimensions);
  }

  async stateByPath(path: string): Promise<DocumentState | undefined> {
    return this.store.documents.stateByPath(path);
  }

  async statesForFolder(folderId: number): Promise<Map<string, DocumentState>> {
    return this.store.documents.statesForFolder(folderId);
  }

  async pathsUnder(folderId: number, dir: string): Promise<string[]> {
    return this.store.documents.pathsUnder(folderId, dir);
  }

  async writeProblem(facts: DocumentFacts, problem: DocumentProblemFacts): Promise<void> {
    this.store.documents.writeProblem(facts, problem);
  }

  async touch(documentId: number, size: number, mtimeMs: number): Promise<void> {
    this.store.documents.touch(documentId, size, mtimeMs);
  }

  async chunksOf(documentId: number): Promise<{ id: number; text: string }[]> {
    return this.store.documents.chunksOf(documentId);
  }

  async writeVectors(documentId: number, folderId: number, chunkIds: readonly number[], vectors: readonly Float32Array[], fingerprint: string): Promise<void> {
    this.store.documents.writeVectors(documentId, folderId, chunkIds, vectors, fingerprint);
  }

  async vectorState(): Promise<VectorState> {
    return { fingerprint: this.store.vectors.fingerprint, hasVectors: this.store.vectors.hasVectors() };
  }
}
