import type { ChatMessage, GenerateOptions, GenerateStream, Generation, Generator, Ranker } from '../../../electron/core/answer/ports.ts';
import type { SearchHit } from '../../../electron/core/search/searcher.ts';

/** Counts one token per whitespace-separated word of every message, plus 4 per message for the template. */
export function wordTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + 4 + m.text.split(/\s+/).filter(Boolean).length, 0);
}

/**
 * A scripted chat model: answers with `reply` split into `pieces`, recording what it was asked. Abort is
 * honoured between pieces, like a real model between tokens.
 */
export class ScriptedGenerator implements Generator {
  readonly modelId = 'scripted.gguf';
  readonly adapters = [];
  readonly prompts: ChatMessage[][] = [];
  readonly options: GenerateOptions[] = [];

  constructor(
    private readonly pieces: readonly string[],
    readonly contextSize = 4096,
    private readonly onPiece: (index: number) => void = () => {},
  ) {}

  countPromptTokens(messages: readonly ChatMessage[]): number {
    return wordTokens(messages);
  }

  async generate(messages: readonly ChatMessage[], options: GenerateOptions, stream: GenerateStream = {}): Promise<Generation> {
    this.prompts.push([...messages]);
    this.options.push(options);
    let text = '';
    let count = 0;
    for (const piece of this.pieces) {
      this.onPiece(count);
      await Promise.resolve();
      if (stream.signal?.aborted) break;
      text += piece;
      count++;
      stream.onToken?.(piece);
    }
    const aborted = stream.signal?.aborted === true;
    return { text, promptTokens: wordTokens(messages), completionTokens: count, firstTokenMs: count > 0 ? 5 : undefined, decodeMs: count > 1 ? (count - 1) * 10 : 0, stopReason: aborted ? 'aborted' : 'end' };
  }

  async dispose(): Promise<void> {}
}

/** Scores texts by a fixed function, recording calls. */
export class FakeRanker implements Ranker {
  readonly modelId = 'fake-ranker.gguf';
  calls = 0;
  constructor(private readonly score: (text: string) => number) {}
  async rank(_query: string, texts: readonly string[]): Promise<number[]> {
    this.calls++;
    return texts.map(this.score);
  }
  async dispose(): Promise<void> {}
}

let nextId = 1;
export function hit(path: string, text: string, extra: Partial<SearchHit> = {}): SearchHit {
  const id = nextId++;
  return {
    chunkId: id,
    documentId: id,
    folderId: 1,
    path,
    title: null,
    text,
    heading: '',
    startLine: 1,
    endLine: 3,
    page: null,
    indexedAt: 1_700_000_000_000,
    score: 1,
    alsoIn: [],
    ...extra,
  };
}
