/**
 * `POST /v1/embeddings`: text embedded with the configured embedding model (as documents are when indexed), as
 * float arrays or, when asked (the `openai` client asks by default), base64 of little-endian float32.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { estimateTokens } from '../../core/chunk/estimate-tokens.ts';
import type { EngineAccess } from '../engine-access.ts';
import { BadRequestBodyError, NoEmbeddingModelError } from '../errors.ts';
import { readJson } from './body.ts';
import { EMBEDDING_MODEL_ID } from './openai-models.ts';
import { sendJson } from './respond.ts';

const text = z.string().max(100_000);
const EmbeddingRequest = z.object({
  model: z.string().min(1).max(200),
  input: z.union([text, z.array(text).min(1).max(512), z.array(z.unknown())]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().min(1).optional(),
});

export async function embeddings(req: IncomingMessage, res: ServerResponse, access: EngineAccess): Promise<void> {
  const request = await readJson(req, EmbeddingRequest);
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  if (!inputs.every((input): input is string => typeof input === 'string')) {
    throw new BadRequestBodyError('invalid_request', 'Trove embeds text: send `input` as a string or an array of strings (not tokens).', 'input');
  }
  const vectors = await access.use(async (engine) => {
    const embedder = engine.embedder;
    if (!embedder) throw new NoEmbeddingModelError();
    if (request.dimensions !== undefined && request.dimensions !== embedder.dimensions) {
      throw new BadRequestBodyError('invalid_request', `The embedding model gives ${embedder.dimensions} dimensions; it cannot give ${request.dimensions}.`, 'dimensions');
    }
    return embedder.embedDocuments(inputs);
  });
  const tokens = inputs.reduce((sum, input) => sum + estimateTokens(input), 0);
  sendJson(res, 200, {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: request.encoding_format === 'base64' ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector),
    })),
    model: EMBEDDING_MODEL_ID,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
