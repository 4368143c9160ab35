/** Row shapes the store hands out: plain objects with camelCase names, decoupled from column names. */

// Declared with the indexing ports (ports.ts); re-exported for the SQLite store's repositories.
export type { DocumentProblem, DocumentState, DocumentStatus, FolderRow, FolderSettings } from '../../ports.ts';
