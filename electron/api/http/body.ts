/** Request bodies of the OpenAI-compatible routes: JSON, bounded, validated against a zod schema. */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { BadRequestBodyError, BodyTooLargeError } from '../errors.ts';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>, limit = MAX_BODY_BYTES): Promise<T> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new BadRequestBodyError('unsupported_media_type', 'Send the body as JSON (Content-Type: application/json).');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new BadRequestBodyError('invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue && issue.path.length > 0 ? issue.path.join('.') : null;
  throw new BadRequestBodyError('invalid_request', `Invalid request${param ? ` (${param})` : ''}: ${issue?.message ?? 'rejected'}`, param);
}
