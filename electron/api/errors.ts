/**
 * Named errors of the local API (MCP tools and the HTTP server). Engine-level ones extend TroveError so the CLI
 * prints them as one line with an action; HTTP-level ones carry the status and the OpenAI-style error type and
 * code they are answered with (http/respond.ts maps every error to a coded reply at the boundary).
 */
import { TroveError } from '../core/errors.ts';

/** Why `read` would not open a file. */
export type ReadRefusal = 'relative-path' | 'parent-segment' | 'outside-folders' | 'symlink-out' | 'not-indexed';

const READ_ACTIONS: Record<ReadRefusal, string> = {
  'relative-path': 'Give the absolute path, as search returns it.',
  'parent-segment': 'Give the path without ".." segments, as search returns it.',
  'outside-folders': 'Only files inside indexed folders can be read; add the folder in Trove first.',
  'symlink-out': 'The path leads through a symbolic link out of the indexed folder; read the file where it really is, if that folder is indexed.',
  'not-indexed': 'Only indexed documents can be read (files left out by ignore rules or not yet indexed cannot); check `trove status`.',
};

/** `read` refused a path: outside the indexed folders, through `..` or a symlink out, or not an indexed document. */
export class ReadRefusedError extends TroveError {
  constructor(
    readonly path: string,
    readonly reason: ReadRefusal,
  ) {
    super(reason === 'relative-path' || reason === 'parent-segment' ? 'INVALID_ARGUMENT' : 'PERMISSION_DENIED', `Trove will not read ${path}: ${describe(reason)}.`, {
      action: READ_ACTIONS[reason],
    });
    this.name = 'ReadRefusedError';
  }
}

function describe(reason: ReadRefusal): string {
  switch (reason) {
    case 'relative-path':
      return 'the path is not absolute';
    case 'parent-segment':
      return 'the path contains ".."';
    case 'outside-folders':
      return 'it is not inside an indexed folder';
    case 'symlink-out':
      return 'it resolves to a place outside its indexed folder';
    case 'not-indexed':
      return 'it is not an indexed document';
  }
}

/** `/v1/embeddings` (or anything that embeds) without an embedding model configured. */
export class NoEmbeddingModelError extends TroveError {
  constructor() {
    super('MODEL_NOT_FOUND', 'No embedding model is configured, so Trove cannot embed text.', {
      action: 'Choose one with `trove index --embed-model <file.gguf>` (or in the app’s Models view), then restart the server.',
    });
    this.name = 'NoEmbeddingModelError';
  }
}

/** The API server only listens on the loopback interface. */
export class NonLoopbackBindError extends TroveError {
  constructor(readonly host: string) {
    super('INVALID_ARGUMENT', `Trove's API listens on this computer only; ${host} is not a loopback address.`, {
      action: 'Leave --host out (127.0.0.1), or use 127.0.0.1 or ::1.',
    });
    this.name = 'NonLoopbackBindError';
  }
}

/** The port is taken or cannot be used. */
export class PortUnavailableError extends TroveError {
  constructor(
    readonly port: number,
    reason: string,
  ) {
    super('INVALID_ARGUMENT', `Port ${port} cannot be used: ${reason}.`, { action: 'Choose another with --port (0 lets the system pick a free one).' });
    this.name = 'PortUnavailableError';
  }
}

/** OpenAI's error types, which clients read from `error.type`. */
export type HttpErrorType = 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'not_found_error' | 'api_error';

/** A request the HTTP API refuses, with the status, type and code it is answered with. */
export class HttpRequestError extends Error {
  constructor(
    readonly status: number,
    readonly type: HttpErrorType,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'HttpRequestError';
  }
}

export class UnauthorizedError extends HttpRequestError {
  constructor(readonly why: 'missing' | 'wrong') {
    super(
      401,
      'authentication_error',
      why === 'missing' ? 'missing_token' : 'invalid_token',
      why === 'missing' ? 'Send the API token as "Authorization: Bearer <token>" (trove serve --show-token prints it).' : 'The API token is wrong (trove serve --show-token prints the right one).',
    );
    this.name = 'UnauthorizedError';
  }
}

/** Host or Origin is not this computer: a DNS-rebinding page or a remote caller. */
export class ForeignRequestError extends HttpRequestError {
  constructor(
    readonly header: 'host' | 'origin',
    readonly value: string,
  ) {
    super(403, 'permission_error', header === 'host' ? 'host_not_allowed' : 'origin_not_allowed', `Requests must come from this computer; ${header} "${value}" is not a loopback address.`);
    this.name = 'ForeignRequestError';
  }
}

export class BadRequestBodyError extends HttpRequestError {
  constructor(code: 'invalid_json' | 'invalid_request' | 'unsupported_media_type', message: string, param: string | null = null) {
    super(code === 'unsupported_media_type' ? 415 : 400, 'invalid_request_error', code, message, param);
    this.name = 'BadRequestBodyError';
  }
}

export class BodyTooLargeError extends HttpRequestError {
  constructor(readonly limit: number) {
    super(413, 'invalid_request_error', 'body_too_large', `The request body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

export class RouteNotFoundError extends HttpRequestError {
  constructor(method: string, path: string, allowed?: readonly string[]) {
    super(allowed ? 405 : 404, allowed ? 'invalid_request_error' : 'not_found_error', allowed ? 'method_not_allowed' : 'not_found', allowed ? `${method} is not allowed on ${path} (use ${allowed.join(', ')}).` : `Nothing at ${path}: the API serves /mcp and /v1/models, /v1/chat/completions, /v1/embeddings.`);
    this.name = 'RouteNotFoundError';
  }
}
