/**
 * Conversations and answers. A question is saved, answered with tokens streamed as `answer-token` events
 * (tagged with the caller's streamId so the window can tell answers apart), and saved with every source it was
 * given. `stopAnswer` aborts generation; the text so far is kept and marked stopped.
 */
import { TroveError } from '../core/errors.ts';
import type { ConversationView } from '../shared/api.ts';
import type { HandlerGroup, HostContext } from './context.ts';
import { messageView, sourceRows } from './views.ts';

type ChatMethods = 'listConversations' | 'getConversation' | 'deleteConversation' | 'ask' | 'stopAnswer';

const TITLE_CHARS = 60;

export function chatHandlers(ctx: HostContext): HandlerGroup<ChatMethods> {
  const streams = new Map<string, AbortController>();
  const conversations = () => ctx.session.engine.store.conversations;
  const changed = () => ctx.emit({ type: 'state-changed', what: 'conversations' });
  return {
    async listConversations() {
      return conversations().list().map(({ id, title, updatedAt }) => ({ id, title, updatedAt }));
    },
    async getConversation({ id }): Promise<ConversationView> {
      const conversation = conversations().byId(id);
      if (!conversation) throw new TroveError('NOT_FOUND', `Conversation ${id} does not exist.`);
      return { id, title: conversation.title, updatedAt: conversation.updatedAt, messages: conversations().messages(id).map(messageView) };
    },
    async deleteConversation({ id }) {
      conversations().remove(id);
      changed();
      return null;
    },
    async ask({ conversationId, question, streamId, regenerate, retrieval }) {
      if (streams.has(streamId)) throw new TroveError('INVALID_ARGUMENT', `Stream ${streamId} is already answering.`);
      const store = conversations();
      const conversation = conversationId === null ? store.create(title(question), ctx.now()) : store.byId(conversationId);
      if (!conversation) throw new TroveError('NOT_FOUND', `Conversation ${conversationId} does not exist.`);
      if (regenerate) store.dropLastExchange(conversation.id);
      const asked = store.append(conversation.id, { role: 'user', text: question }, ctx.now());
      changed();
      const controller = new AbortController();
      streams.set(streamId, controller);
      try {
        const result = await ctx.session.use((engine) =>
          engine.ask(
            question,
            { retrieval: retrieval ?? true, maxAnswerTokens: answerBudget(engine.generator?.contextSize) },
            { signal: controller.signal, onToken: (text) => ctx.emit({ type: 'answer-token', streamId, text }) },
          ),
        );
        const answered = conversations().append(
          conversation.id,
          { role: 'assistant', text: result.answer, kind: result.kind, model: result.model, aborted: result.aborted, sources: sourceRows(result) },
          ctx.now(),
        );
        changed();
        return { conversationId: conversation.id, question: messageView(asked), answer: messageView(answered) };
      } finally {
        streams.delete(streamId);
      }
    },
    async stopAnswer({ streamId }) {
      const controller = streams.get(streamId);
      controller?.abort();
      return { stopped: controller !== undefined };
    },
  };
}

/**
 * Tokens kept for the answer: a quarter of the context, at most 512 (the engine's default). The engine keeps
 * up to half, which leaves a small model's context no room for sources once the instructions are in.
 */
export function answerBudget(contextSize: number | undefined): number | undefined {
  return contextSize === undefined ? undefined : Math.max(16, Math.min(512, Math.floor(contextSize / 4)));
}

function title(question: string): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  return oneLine.length <= TITLE_CHARS ? oneLine : `${oneLine.slice(0, TITLE_CHARS - 1)}…`;
}
