/**
 * `POST /v1/chat/completions`: the last user message answered from the indexed documents, the way `trove ask`
 * answers it (earlier messages make it a follow-up, as in a conversation; system messages are not used: Trove
 * grounds the model itself). Streams as server-sent events when `stream` is true. Citations come in the
 * extra `trove` field. A client that disconnects stops the generation (the engine's AbortSignal).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { AskResult } from '../../core/answer/types.ts';
import { estimateTokens } from '../../core/chunk/estimate-tokens.ts';
import type { Exchange } from '../../core/conversation/standalone-query.ts';
import { SEARCH_MODES, type SearchMode } from '../../core/search/searcher.ts';
import type { EngineAccess } from '../engine-access.ts';
import { BadRequestBodyError } from '../errors.ts';
import { askResultJson } from '../result-json.ts';
import { readJson } from './body.ts';
import { CHAT_MODEL_ID } from './openai-models.ts';
import { errorReply, sendJson } from './respond.ts';

const textPart = z.object({ type: z.string(), text: z.string().optional() });
const message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(textPart)]).nullable().optional(),
});

const ChatRequest = z.object({
  model: z.string().min(1).max(200),
  messages: z.array(message).min(1).max(1000),
  stream: z.boolean().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  max_tokens: z.number().int().min(1).max(65_536).nullable().optional(),
  max_completion_tokens: z.number().int().min(1).max(65_536).nullable().optional(),
  /** Trove's own options: retrieval depth and mode, and which folders to answer from. */
  trove: z
    .object({
      k: z.number().int().min(1).max(100).optional(),
      mode: z.enum(SEARCH_MODES as [SearchMode, ...SearchMode[]]).optional(),
      folder: z.array(z.string().min(1).max(4096)).max(100).optional(),
    })
    .optional(),
});

type ChatRequest = z.infer<typeof ChatRequest>;

export async function chatCompletions(req: IncomingMessage, res: ServerResponse, access: EngineAccess): Promise<void> {
  const request = await readJson(req, ChatRequest);
  const { question, previous } = conversationOf(request);
  const controller = new AbortController();
  // The client went away before the reply was finished: stop generating.
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const stream = request.stream === true ? new SseStream(res, id, created) : undefined;
  // Headers and the role chunk go out at once: the client sees the answer begin (and can cancel it) during retrieval.
  stream?.open();
  try {
    const { result, query } = await access.use(async (engine) => {
      const standalone = await engine.standaloneQuery(previous, question, controller.signal);
      const answer = await engine.ask(
        question,
        {
          query: standalone.query,
          ...(standalone.carried ? { carried: standalone.carried } : {}),
          k: request.trove?.k,
          mode: request.trove?.mode ?? 'hybrid',
          folderIds: request.trove?.folder ? engine.folderIds(request.trove.folder) : undefined,
          temperature: request.temperature ?? undefined,
          seed: request.seed ?? undefined,
          maxAnswerTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
        },
        { signal: controller.signal, onToken: stream ? (text) => stream.content(text) : undefined },
      );
      return { result: answer, query: standalone.text };
    });
    const trove = { ...askResultJson(result), query };
    const usage = usageOf(request, result);
    if (stream) stream.finish(result, trove, usage);
    else {
      sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: CHAT_MODEL_ID,
        choices: [{ index: 0, message: { role: 'assistant', content: result.answer }, finish_reason: finishReason(result), logprobs: null }],
        usage,
        trove,
      });
    }
  } catch (error) {
    // Once the event stream has begun, the error travels in it, as OpenAI's API does.
    if (stream?.started) stream.fail(error);
    else throw error;
  }
}

/** The question (the last message, the user's) and the exchanges before it. */
function conversationOf(request: ChatRequest): { question: string; previous: Exchange[] } {
  const turns = request.messages.filter((m) => m.role === 'user' || m.role === 'assistant');
  const last = request.messages[request.messages.length - 1];
  const question = last ? textOf(last.content).trim() : '';
  if (last?.role !== 'user' || question === '') throw new BadRequestBodyError('invalid_request', "The last message must be the user's question, with text.", 'messages');
  const previous: Exchange[] = [];
  for (let i = 0; i < turns.length - 1; i++) {
    const turn = turns[i];
    if (turn?.role !== 'user') continue;
    const next = turns[i + 1];
    previous.push({ question: textOf(turn.content), ...(next?.role === 'assistant' && i + 1 < turns.length - 1 ? { answer: textOf(next.content) } : {}) });
  }
  return { question, previous };
}

function textOf(content: z.infer<typeof message>['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
}

function finishReason(result: AskResult): 'stop' | 'length' {
  return result.aborted ? 'length' : 'stop';
}

function usageOf(request: ChatRequest, result: AskResult) {
  const prompt = result.timings.promptTokens || request.messages.reduce((sum, m) => sum + estimateTokens(textOf(m.content)), 0);
  const completion = estimateTokens(result.answer);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** The reply as OpenAI's `chat.completion.chunk` events, ended by `data: [DONE]`. */
class SseStream {
  private streamed = '';
  started = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly id: string,
    private readonly created: number,
  ) {}

  content(text: string): void {
    if (text === '') return;
    this.open();
    this.streamed += text;
    this.chunk({ content: text }, null);
  }

  finish(result: AskResult, trove: object, usage: object): void {
    this.open();
    // Extractive and abstained answers are not generated token by token: they arrive whole. A generated answer
    // that turned out to be an abstention was held back while it might be one, so only what is new is sent.
    const rest = result.answer.startsWith(this.streamed) ? result.answer.slice(this.streamed.length) : `\n\n${result.answer}`;
    if (rest !== '') this.chunk({ content: rest }, null);
    this.write({ ...this.base(), choices: [{ index: 0, delta: {}, finish_reason: finishReason(result), logprobs: null }], usage, trove });
    this.res.end('data: [DONE]\n\n');
  }

  fail(error: unknown): void {
    if (this.res.writableEnded) return;
    this.write(errorReply(error).body);
    this.res.end('data: [DONE]\n\n');
  }

  open(): void {
    if (this.started) return;
    this.started = true;
    this.res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    this.chunk({ role: 'assistant', content: '' }, null);
  }

  private chunk(delta: object, finish: string | null): void {
    this.write({ ...this.base(), choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  }

  private base() {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: CHAT_MODEL_ID };
  }

  private write(value: object): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.write(`data: ${JSON.stringify(value)}\n\n`);
  }
}
