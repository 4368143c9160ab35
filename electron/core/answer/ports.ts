/**
 * Ports of the answer pipeline. The pipeline only sees these interfaces, so it runs the same over
 * node-llama-cpp (electron/core/models/llama-generator.ts, llama-reranker.ts) and over fakes in tests.
 */

/** One message of a chat; the generator formats messages with the model's own chat template. */
export interface ChatMessage {
  readonly role: 'system' | 'user';
  readonly text: string;
}

export interface GenerateOptions {
  /** Upper bound on answer tokens. */
  readonly maxTokens: number;
  /** 0 = greedy (the same prompt always gives the same answer). */
  readonly temperature?: number;
  /** Sampling seed; only matters when temperature > 0. */
  readonly seed?: number;
}

export interface GenerateStream {
  /** Receives the answer text as it is generated, piece by piece. */
  readonly onToken?: (text: string) => void;
  /** Aborting stops generation at the next token; the text so far is returned with stopReason 'aborted'. */
  readonly signal?: AbortSignal;
}

export interface Generation {
  readonly text: string;
  /** Prompt tokens the model evaluated before answering (the counted prompt when nothing was generated). */
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Milliseconds from the call to the first generated text, undefined when nothing was generated. */
  readonly firstTokenMs: number | undefined;
  /** Milliseconds spent generating after the first token (for tokens per second). */
  readonly decodeMs: number;
  readonly stopReason: 'end' | 'maxTokens' | 'aborted';
}

export interface AdapterInUse {
  readonly path: string;
  readonly scale: number;
}

/** Port: a chat model that answers. */
export interface Generator {
  /** The model file's name, for reports. */
  readonly modelId: string;
  /** Tokens the model can attend to: prompt plus answer. */
  readonly contextSize: number;
  readonly adapters: readonly AdapterInUse[];
  /** Exact token count of `messages` formatted with the model's chat template, ready for the answer. */
  countPromptTokens(messages: readonly ChatMessage[]): number;
  generate(messages: readonly ChatMessage[], options: GenerateOptions, stream?: GenerateStream): Promise<Generation>;
  dispose(): Promise<void>;
}

/** Port: a cross-encoder that scores how well each text answers a query. */
export interface Ranker {
  readonly modelId: string;
  /** One score per text, higher is more relevant (node-llama-cpp returns probabilities 0–1). */
  rank(query: string, texts: readonly string[]): Promise<number[]>;
  dispose(): Promise<void>;
}
