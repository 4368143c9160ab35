/**
 * The instruction prefixes an embedding family was trained with, chosen from what the GGUF file says about
 * itself. Such models retrieve noticeably worse without them: nomic-embed-text expects "search_query: " /
 * "search_document: " on every input, and the English bge v1.5 models expect an instruction before short
 * queries (documents go in as they are).
 */
export interface EmbeddingPrefixes {
  readonly query: string;
  readonly document: string;
}

/** What the rule looks at: `general.architecture`, `general.name`, `general.basename` and the file name. */
export interface EmbeddingModelIdentity {
  readonly architecture: string | undefined;
  readonly name: string | undefined;
  readonly basename: string | undefined;
  readonly fileName: string;
}

export const NO_PREFIXES: EmbeddingPrefixes = { query: '', document: '' };

/** bge-*-en-v1.5's retrieval instruction for queries (its model card, "for s2p retrieval"). */
export const BGE_QUERY_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';

interface PrefixRule {
  readonly family: string;
  readonly matches: (id: EmbeddingModelIdentity, names: readonly string[]) => boolean;
  readonly prefixes: EmbeddingPrefixes;
}

const RULES: readonly PrefixRule[] = [
  {
    family: 'nomic-embed-text',
    // The nomic-bert architecture is only used by Nomic's embedders; the name catches re-packaged files.
    matches: (id, names) => id.architecture === 'nomic-bert' || names.some((n) => /nomic[-_ ]?embed[-_ ]?text/i.test(n)),
    prefixes: { query: 'search_query: ', document: 'search_document: ' },
  },
  {
    family: 'bge-en-v1.5',
    // English bge v1.5 (small / base / large). Not bge-m3 nor the multilingual or reranker models: they take no instruction.
    matches: (id, names) => id.architecture === 'bert' && names.some((n) => /\bbge[-_ ](small|base|large)[-_ ]en[-_ ]v1[._]5\b/i.test(n.replace(/\s+/g, '-'))),
    prefixes: { query: BGE_QUERY_INSTRUCTION, document: '' },
  },
];

/** The prefixes for this model, and the family that decided them (undefined: none known, no prefixes). */
export function embeddingPrefixesFor(id: EmbeddingModelIdentity): { readonly prefixes: EmbeddingPrefixes; readonly family: string | undefined } {
  const names = [id.name, id.basename, id.fileName].filter((n): n is string => typeof n === 'string' && n.length > 0);
  const rule = RULES.find((r) => r.matches(id, names));
  return rule === undefined ? { prefixes: NO_PREFIXES, family: undefined } : { prefixes: rule.prefixes, family: rule.family };
}
