/**
 * Decides what a GGUF file is for from its header alone, so the registry can offer each model in the right
 * place (chat, embedding, reranker, LoRA adapter) without loading weights. Pure: metadata in, role out.
 */
export type ModelRole = 'chat' | 'embedding' | 'reranker' | 'adapter';

export interface RoleEvidence {
  /** `general.type`. */
  readonly fileType: string | undefined;
  readonly architecture: string | undefined;
  /** `<arch>.pooling_type` (llama_pooling_type: NONE 0, MEAN 1, CLS 2, LAST 3, RANK 4). */
  readonly poolingType: number | undefined;
  /** `<arch>.attention.causal`; false means bidirectional attention, as encoders use. */
  readonly causalAttention: boolean | undefined;
  /** `general.name`, `general.basename`, `general.tags` and the file name: where model makers say "reranker". */
  readonly names: readonly string[];
  readonly tensorNames: readonly string[];
}

/** llama.cpp architectures that only produce embeddings (encoders); they have no LM head to chat with. */
const EMBEDDING_ARCHITECTURES = new Set([
  'bert',
  'nomic-bert',
  'nomic-bert-moe',
  'jina-bert-v2',
  'jina-bert-v3',
  'modern-bert',
  'neo-bert',
  'eurobert',
  't5encoder',
  'gemma-embedding',
]);

const POOLING_RANK = 4;
/** Classifier heads llama.cpp's rank pooling reads: BERT-style (cls.*) and LLM-based rerankers (cls.output). */
const RANK_HEAD_TENSORS = /^cls(\.output)?\.(weight|bias)$/;

export function inferModelRole(e: RoleEvidence): { role: ModelRole; reason: string } {
  if (e.fileType === 'adapter') return { role: 'adapter', reason: 'general.type is "adapter"' };
  if (e.poolingType === POOLING_RANK) return { role: 'reranker', reason: 'pooling type is rank' };
  const head = e.tensorNames.find((n) => RANK_HEAD_TENSORS.test(n));
  if (head !== undefined) return { role: 'reranker', reason: `has a classifier head (${head})` };
  if (e.names.some((n) => /re-?rank/i.test(n))) return { role: 'reranker', reason: 'named as a reranker' };
  if (e.architecture !== undefined && EMBEDDING_ARCHITECTURES.has(e.architecture)) {
    return { role: 'embedding', reason: `${e.architecture} is an embedding architecture` };
  }
  if (e.poolingType !== undefined && e.poolingType > 0) return { role: 'embedding', reason: 'declares a pooling type' };
  if (e.causalAttention === false) return { role: 'embedding', reason: 'uses bidirectional attention' };
  if (e.names.some((n) => /\bembed(ding)?s?\b/i.test(n))) return { role: 'embedding', reason: 'named as an embedding model' };
  return { role: 'chat', reason: 'generative: no embedding, reranking or adapter markers' };
}

export const POOLING_NAMES: Readonly<Record<number, string>> = { 0: 'none', 1: 'mean', 2: 'cls', 3: 'last', 4: 'rank' };
