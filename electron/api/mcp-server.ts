/**
 * Trove as a Model Context Protocol server (the official SDK's McpServer): tools `search`, `ask`, `read` and
 * `status`, and the indexed folders and documents as resources. The same server runs over stdio (`trove mcp`)
 * and over Streamable HTTP (`/mcp` of `trove serve` and of the app). Tool results are the JSON `trove search`,
 * `trove ask` and `trove status` print with --json; failures are tool errors carrying the engine's code.
 */
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { TroveError } from '../core/errors.ts';
import { SEARCH_MODES, type SearchMode } from '../core/search/searcher.ts';
import { SERVER_INFO, type EngineAccess } from './engine-access.ts';
import { readDocument, MAX_LINES, MAX_PAGES } from './read-document.ts';
import { conversationIdOf, converseOptions, searchOptions } from './requests.ts';
import { conversedJson, searchResponseJson, statusJson } from './result-json.ts';

/** Documents listed as resources; a bigger index is still searchable and readable, just not listed whole. */
export const MAX_LISTED_DOCUMENTS = 5000;

const mode = z.enum(SEARCH_MODES as [SearchMode, ...SearchMode[]]);
const folder = z.array(z.string().min(1).max(4096)).max(100).optional().describe('Only these indexed folders (absolute paths).');
const line = z.number().int().min(1);

export function createMcpServer(access: EngineAccess): McpServer {
  const server = new McpServer(SERVER_INFO, {
    instructions:
      'Trove searches and answers from the folders indexed on this computer. Use `search` to find passages (path, lines or page, score, text), ' +
      '`ask` for an answer with numbered citations, `read` to see more of a file a result came from, `status` for what is indexed.',
  });

  server.registerTool(
    'search',
    {
      title: 'Search the indexed documents',
      description: 'Ranked passages for a query, each with its file path, lines (or PDF page), score and text.',
      inputSchema: {
        query: z.string().min(1).max(10_000).describe('What to look for, in plain words.'),
        k: z.number().int().min(1).max(100).optional().describe('How many passages (default 10).'),
        mode: mode.optional().describe('bm25 (words), vector (meaning; needs an embedding model) or hybrid (both, the default).'),
        folder,
        type: z.array(z.string().min(1).max(32)).max(50).optional().describe('Only these file types: extensions like md or pdf, or formats like markdown.'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      toolResult(() =>
        access.use(async (engine) => searchResponseJson(await engine.search(args.query, searchOptions(engine, { ...args, k: args.k ?? 10, mode: args.mode ?? 'hybrid' })))),
      ),
  );

  server.registerTool(
    'ask',
    {
      title: 'Ask the indexed documents',
      description:
        'A grounded answer with numbered citations [n] of file and lines. `kind` says how it was made: generated (chat model), extractive (no chat model: ' +
        'the best passages), abstained (the documents do not cover it). Pass `conversation` from an earlier answer to ask a follow-up.',
      inputSchema: {
        question: z.string().trim().min(1).max(20_000).describe('The question, in plain words.'),
        conversation: z.string().max(32).optional().describe('Continue this conversation (the id an earlier answer returned).'),
        k: z.number().int().min(1).max(100).optional().describe('Passages to retrieve.'),
        mode: mode.optional(),
        folder,
      },
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    (args, extra) =>
      toolResult(() =>
        access.use(async (engine) => {
          const outcome = await engine.converse(conversationIdOf(args.conversation), args.question, converseOptions(engine, { ...args, mode: args.mode ?? 'hybrid' }), {
            signal: extra.signal,
          });
          return conversedJson(outcome);
        }),
      ),
  );

  server.registerTool(
    'read',
    {
      title: 'Read part of an indexed document',
      description: `Lines (text-like files; at most ${MAX_LINES}) or pages (PDF; at most ${MAX_PAGES}) of a document inside the indexed folders, by the absolute path search returned.`,
      inputSchema: {
        path: z.string().min(1).max(4096).describe('Absolute path of an indexed document.'),
        startLine: line.optional().describe('First line, 1-based (default 1).'),
        endLine: line.optional().describe('Last line, inclusive (default: 200 lines on).'),
        startPage: line.optional().describe('PDF: first page, 1-based (default 1).'),
        endPage: line.optional().describe('PDF: last page, inclusive (default: 3 pages on).'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => toolResult(() => access.use((engine) => readDocument(engine, args))),
  );

  server.registerTool(
    'status',
    {
      title: 'What Trove has indexed',
      description: 'Folders with their counts, files that failed or were skipped (with what to do), queued work and the embedding model.',
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => toolResult(() => access.use(async (engine) => statusJson(await engine.indexStatus()))),
  );

  server.registerResource(
    'folders',
    'trove://folders',
    { title: 'Indexed folders', description: 'The registered folders with their document and chunk counts.', mimeType: 'application/json' },
    async (uri) => jsonResource(uri, await access.use(async (engine) => (await engine.indexStatus()).folders)),
  );

  server.registerResource(
    'document',
    new ResourceTemplate('file://{+path}', {
      list: async () =>
        access.use(async (engine) => ({
          resources: (
            await Promise.all(
              (await engine.listFolders()).map(async (f) =>
                [...(await engine.documentsIn(f.id)).values()]
                  .filter((d) => d.status === 'indexed')
                  .map((d) => ({ uri: pathToFileURL(d.path).href, name: relative(f.path, d.path), description: `in ${f.path}` })),
              ),
            )
          )
            .flat()
            .slice(0, MAX_LISTED_DOCUMENTS),
        })),
    }),
    { title: 'Indexed document', description: `An indexed document's text (its first ${MAX_LINES} lines or ${MAX_PAGES} pages; the read tool gives any range).` },
    async (uri) => {
      const read = await access.use((engine) => readDocument(engine, { path: fileURLToPath(uri), endLine: MAX_LINES, endPage: MAX_PAGES }));
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: read.text }] };
    },
  );

  return server;
}

async function toolResult(work: () => Promise<object>): Promise<CallToolResult> {
  try {
    const value = await work();
    return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value as Record<string, unknown> };
  } catch (error) {
    const shown = errorJson(error);
    return { isError: true, content: [{ type: 'text', text: `${shown.message}\n${shown.action}` }], structuredContent: { error: shown } };
  }
}

/** Any thrown value as `{code, message, action}`; no stack leaves the server. */
export function errorJson(error: unknown): { code: string; message: string; action: string } {
  if (error instanceof TroveError) return { code: error.code, message: error.message, action: error.action };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message, action: 'Please report this problem.' };
}

function jsonResource(uri: URL, value: unknown): ReadResourceResult {
  return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] };
}
