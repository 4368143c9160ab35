/** `GET /v1/models`: `trove` answers chat completions; `trove-embedding` is listed when an embedding model is configured. */
import type { ServerResponse } from 'node:http';
import type { EngineAccess } from '../engine-access.ts';
import { sendJson } from './respond.ts';

export const CHAT_MODEL_ID = 'trove';
export const EMBEDDING_MODEL_ID = 'trove-embedding';

export async function listModels(res: ServerResponse, access: EngineAccess): Promise<void> {
  const hasEmbedder = await access.use(async (engine) => engine.embedder !== undefined);
  const model = (id: string) => ({ id, object: 'model', created: 0, owned_by: 'trove' });
  sendJson(res, 200, { object: 'list', data: [model(CHAT_MODEL_ID), ...(hasEmbedder ? [model(EMBEDDING_MODEL_ID)] : [])] });
}
