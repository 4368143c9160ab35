/**
 * What a search or a question asks for, as the CLI, the MCP tools and the HTTP API take it (folder paths, file
 * types, a conversation id as text), turned into the engine's options. One place, so every way in filters alike.
 */
import type { ConverseOptions } from '../core/conversation/conversation-service.ts';
import type { Engine } from '../core/engine.ts';
import { ConversationNotFoundError } from '../core/errors.ts';
import type { SearchMode, SearchOptions } from '../core/search/searcher.ts';

export interface SearchRequest {
  readonly k?: number;
  readonly mode?: SearchMode;
  /** Only these indexed folders (paths). */
  readonly folder?: readonly string[];
  /** Only these file types: extensions (md, .pdf) or formats (markdown), comma-separated lists allowed. */
  readonly type?: readonly string[];
}

export function searchOptions(engine: Engine, request: SearchRequest): SearchOptions {
  return {
    k: request.k,
    mode: request.mode,
    folderIds: request.folder ? engine.folderIds(request.folder) : undefined,
    types: request.type?.flatMap((type) => type.split(',')).map((type) => type.trim().replace(/^\./, '').toLowerCase()).filter((type) => type !== ''),
  };
}

export interface AskRequest {
  readonly k?: number;
  readonly mode?: SearchMode;
  readonly folder?: readonly string[];
  /** false: the model alone, without the documents. */
  readonly retrieval?: boolean;
  readonly temperature?: number;
  readonly seed?: number;
  readonly maxTokens?: number;
}

export function converseOptions(engine: Engine, request: AskRequest): ConverseOptions {
  return {
    k: request.k,
    mode: request.mode,
    retrieval: request.retrieval,
    temperature: request.temperature,
    seed: request.seed,
    maxAnswerTokens: request.maxTokens,
    folderIds: request.folder ? engine.folderIds(request.folder) : undefined,
  };
}

/** A conversation id given as text; anything that is not a conversation id names no conversation. */
export function conversationIdOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const id = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(id) || id < 1) throw new ConversationNotFoundError(value);
  return id;
}
