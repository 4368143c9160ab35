import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { getLlamaRuntime, loadedModelIdentity, type LlamaEmbeddingContext, type LlamaModel, type Token } from '../../../native/llama.ts';
import type { Embedder } from '../types.ts';
import { embeddingPrefixesFor, type EmbeddingPrefixes } from './embedding-prefixes.ts';

export interface LlamaEmbedderOptions {
  /** Compute threads. Default: the runtime's (at most 4). */
  readonly threads?: number;
  /** llama.cpp batch size in tokens. Default: the context size, so each input is evaluated in one batch. */
  readonly batchSize?: number;
  /** Longest input in tokens; longer texts are truncated. Default: the model's training context, at most 4096. */
  readonly contextSize?: number;
  /**
   * Instruction prefixes some embedding families are trained with (e.g. nomic's "search_query: " /
   * "search_document: ", bge-en-v1.5's query instruction). Without them such models retrieve noticeably worse.
   * Default: chosen per family from the file's GGUF metadata (embeddingPrefixesFor); pass empty strings for none.
   */
  readonly prefixes?: EmbeddingPrefixes;
}

/**
 * Embedder over a GGUF model run by llama.cpp. Vectors are L2-normalised, so cosine similarity is a dot
 * product and vectors from different calls are comparable.
 *
 * node-llama-cpp evaluates one input at a time per embedding context (it clears the sequence between inputs),
 * so embedDocuments is a sequential loop; each text is embedded exactly as embedQuery would embed it, and the
 * result does not depend on how texts are grouped.
 */
export class LlamaEmbedder implements Embedder {
  private disposed = false;

  private constructor(
    readonly modelId: string,
    readonly dimensions: number,
    private readonly model: LlamaModel,
    private readonly context: LlamaEmbeddingContext,
    private readonly maxInputTokens: number,
    /** What is put before queries and documents (see LlamaEmbedderOptions.prefixes). */
    readonly prefixes: EmbeddingPrefixes,
    /** The pooling the file declares (`<arch>.pooling_type`: 'mean', 'cls', ...), which llama.cpp applies; undefined if none. */
    readonly pooling: string | undefined,
  ) {}

  /** Throws ModelError (MODEL_NOT_FOUND, MODEL_INVALID, OUT_OF_MEMORY) when the model cannot be used. */
  static async load(modelPath: string, options: LlamaEmbedderOptions = {}): Promise<LlamaEmbedder> {
    const runtime = await getLlamaRuntime();
    // Hashing a multi-GB file takes seconds; do it while llama.cpp maps the model. Load errors win: they are
    // ModelErrors with a code, while the hash would fail with a bare fs error for the same missing file.
    const identity = modelIdentity(modelPath);
    identity.catch(() => undefined);
    const model = await runtime.loadModel(modelPath);
    try {
      const modelId = await identity;
      const contextSize = options.contextSize ?? Math.min(model.trainContextSize, 4096);
      const context = await runtime.createEmbeddingContext(model, {
        contextSize,
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
      });
      // node-llama-cpp adds BOS (and EOS/SEP for BERT-style vocabularies) and requires input < context size.
      const maxInputTokens = Math.max(1, contextSize - 4);
      const header = loadedModelIdentity(model);
      const prefixes = options.prefixes ?? embeddingPrefixesFor({ ...header, fileName: basename(modelPath) }).prefixes;
      // A document prefix changes every stored vector, so it is part of the model's identity (the index fingerprint).
      const id = prefixes.document === '' ? modelId : `${modelId}:doc-prefix=${JSON.stringify(prefixes.document)}`;
      return new LlamaEmbedder(id, model.embeddingVectorSize, model, context, maxInputTokens, prefixes, header.pooling);
    } catch (error) {
      await model.dispose();
      throw error;
    }
  }

  async embedDocuments(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (const text of texts) vectors.push(await this.embed(this.prefixes.document + text));
    return vectors;
  }

  embedQuery(text: string): Promise<Float32Array> {
    return this.embed(this.prefixes.query + text);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.context.dispose();
    await this.model.dispose();
  }

  private async embed(text: string): Promise<Float32Array> {
    if (this.disposed) throw new Error('LlamaEmbedder is disposed');
    let tokens: Token[] = this.model.tokenize(text);
    // Chunks are sized below the context, but a pasted query may not be: embed its beginning rather than fail.
    if (tokens.length > this.maxInputTokens) tokens = tokens.slice(0, this.maxInputTokens);
    // node-llama-cpp returns an empty vector for empty input; embed a lone BOS so every text has a vector.
    if (tokens.length === 0) {
      const filler = this.model.tokens.bos ?? this.model.tokens.eos;
      if (filler !== null) tokens = [filler];
    }
    const { vector } = await this.context.getEmbeddingFor(tokens);
    if (vector.length !== this.dimensions) {
      throw new Error(`embedding has ${vector.length} dimensions, expected ${this.dimensions}`);
    }
    return l2Normalise(vector);
  }
}

function l2Normalise(vector: readonly number[]): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(vector.length);
  // A zero vector has no direction; leave it zero rather than fill it with NaN.
  const scale = norm > 0 ? 1 / norm : 0;
  for (let i = 0; i < vector.length; i++) out[i] = (vector[i] ?? 0) * scale;
  return out;
}

/**
 * "<file name>:<size>:<sha256 prefix>": names the model for people, and changes whenever the bytes do (a
 * re-quantised or re-downloaded file), which invalidates stored embeddings. The file is streamed, not read whole.
 */
async function modelIdentity(path: string): Promise<string> {
  const { size } = await stat(path);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return `${basename(path)}:${size}:${hash.digest('hex').slice(0, 12)}`;
}
