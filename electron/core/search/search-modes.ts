/** The ranking modes of search (a module of its own: the CLI lists them at start-up without loading the searcher). */
export type SearchMode = 'bm25' | 'vector' | 'hybrid';
export const SEARCH_MODES: readonly SearchMode[] = ['bm25', 'vector', 'hybrid'];
