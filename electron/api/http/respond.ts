/** Replies of the HTTP API: JSON bodies, and every error as OpenAI's `{error: {message, type, code, param}}` with its status. */
import type { ServerResponse } from 'node:http';
import { TroveError, type ErrorCode } from '../../core/errors.ts';
import { HttpRequestError, type HttpErrorType } from '../errors.ts';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

export interface ErrorReply {
  readonly status: number;
  readonly body: { readonly error: { readonly message: string; readonly type: HttpErrorType; readonly code: string; readonly param: string | null; readonly action?: string } };
}

/** Any thrown value as a status and an error body; unknown errors are 500 with their message only, never a stack. */
export function errorReply(error: unknown): ErrorReply {
  if (error instanceof HttpRequestError) return { status: error.status, body: { error: { message: error.message, type: error.type, code: error.code, param: error.param } } };
  if (error instanceof TroveError) {
    const [status, type] = STATUS_OF[error.code] ?? [500, 'api_error'];
    return { status, body: { error: { message: error.message, type, code: error.code.toLowerCase(), param: null, action: error.action } } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { message: `Unexpected error: ${message.split('\n')[0]}`, type: 'api_error', code: 'internal', param: null } } };
}

export function sendError(res: ServerResponse, error: unknown): void {
  const reply = errorReply(error);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, reply.status, reply.body, reply.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="trove"' } : {});
}

const STATUS_OF: Partial<Record<ErrorCode, [number, HttpErrorType]>> = {
  INVALID_ARGUMENT: [400, 'invalid_request_error'],
  NOT_FOUND: [404, 'not_found_error'],
  PERMISSION_DENIED: [403, 'permission_error'],
  MODEL_NOT_FOUND: [400, 'invalid_request_error'],
  MODEL_INVALID: [400, 'invalid_request_error'],
};
