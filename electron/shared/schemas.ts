/**
 * Runtime validation of every method's params at the process boundaries (main for the window's calls, the
 * host for everything it serves). The schemas are strict: unknown fields are refused, not ignored. Callers go
 * through validate-params.ts, which loads this module (and zod) on the first call.
 */
import { z } from 'zod';
import type { AnyMethod, Params } from './api.ts';
import { InvalidParamsError } from './validate-params.ts';

const path = z.string().min(1).max(4096);
const empty = z.strictObject({});
const scale = z.number().finite().min(-4).max(4);
const id = z.number().int().positive();

const SCHEMAS: { readonly [M in AnyMethod]: z.ZodType<Params<M>> } = {
  status: empty,
  addFolder: z.strictObject({ path }),
  removeFolder: z.strictObject({ path }),
  setFolderPaused: z.strictObject({ path, paused: z.boolean() }),
  setFolderOcr: z.strictObject({ path, ocr: z.boolean() }),
  search: z.strictObject({ query: z.string().min(1).max(10_000), k: z.number().int().min(1).max(100).optional() }),
  listConversations: empty,
  getConversation: z.strictObject({ id }),
  deleteConversation: z.strictObject({ id }),
  ask: z.strictObject({
    conversationId: id.nullable(),
    question: z.string().trim().min(1).max(20_000),
    streamId: z.string().min(1).max(100),
    regenerate: z.boolean().optional(),
    retrieval: z.boolean().optional(),
  }),
  stopAnswer: z.strictObject({ streamId: z.string().min(1).max(100) }),
  getPassage: z.strictObject({ chunkId: id }),
  listModels: empty,
  setChatModel: z.strictObject({ path: path.nullable() }),
  setEmbeddingModel: z.strictObject({ path: path.nullable() }),
  attachAdapter: z.strictObject({ path, scale }),
  setAdapterScale: z.strictObject({ path, scale }),
  detachAdapter: z.strictObject({ path }),
  listAdapters: empty,
  addAdapterFile: z.strictObject({ path }),
  forgetAdapterFile: z.strictObject({ path }),
  downloadModel: z.strictObject({ name: z.string().min(1).max(200) }),
  cancelDownload: z.strictObject({ name: z.string().min(1).max(200) }),
  privacy: empty,
  setAuditEnabled: z.strictObject({ enabled: z.boolean() }),
  setFolderRedaction: z.strictObject({ path, redact: z.boolean() }),
  apiServer: empty,
  setApiServer: z.strictObject({ enabled: z.boolean() }),
  teamIndex: empty,
  setTeamIndex: z.strictObject({ url: z.string().trim().min(1).max(4096).nullable() }),
  compareAnswers: z.strictObject({
    question: z.string().trim().min(1).max(20_000),
    configurations: z.tuple([z.string().trim().min(1).max(8192), z.string().trim().min(1).max(8192)]),
    streamIds: z.tuple([z.string().min(1).max(100), z.string().min(1).max(100)]),
    maxTokens: z.number().int().min(1).max(32_768).optional(),
  }),
  markAnswer: z.strictObject({ answerId: id, verdict: z.enum(['good', 'bad']), correctedAnswer: z.string().trim().min(1).max(100_000).optional() }),
  exportFeedback: z.strictObject({ path, format: z.enum(['chat-jsonl', 'alpaca']).optional(), split: z.number().min(0).lt(1).optional() }),
  resolveIndexedFile: z.strictObject({ path }),
  chooseFolder: empty,
  chooseModelFile: empty,
  chooseAdapterFile: empty,
  chooseExportFile: empty,
  openFile: z.strictObject({ path }),
  revealFile: z.strictObject({ path }),
};

export { InvalidParamsError };

/** The params of `method` if they are valid, else an InvalidParamsError saying what is wrong. */
export function parseParams<M extends AnyMethod>(method: M, params: unknown): Params<M> {
  const schema: z.ZodType<Params<M>> = SCHEMAS[method];
  const parsed = schema.safeParse(params ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new InvalidParamsError(`Invalid params for ${method}${where}: ${issue?.message ?? 'rejected'}`);
}
