/**
 * Conversations and answers, served from the engine's conversation service. A question's answer streams as
 * `answer-token` events (tagged with the caller's streamId so the window can tell answers apart); the engine
 * saves the question, what it searched for and the answer with every source it was given. `stopAnswer` aborts
 * generation; the text so far is kept and marked stopped.
 */
import { TroveError } from '../core/errors.ts';
import type { ConversationView } from '../shared/api.ts';
import type { HandlerGroup, HostContext } from './context.ts';
import { messageView } from './views.ts';

type ChatMethods = 'listConversations' | 'getConversation' | 'deleteConversation' | 'ask' | 'stopAnswer';

export function chatHandlers(ctx: HostContext): HandlerGroup<ChatMethods> {
  const streams = new Map<string, AbortController>();
  const conversations = () => ctx.session.engine.conversations;
  const changed = () => ctx.emit({ type: 'state-changed', what: 'conversations' });
  return {
    async listConversations() {
      return conversations()
        .list()
        .map(({ id, title, updatedAt }) => ({ id, title, updatedAt }));
    },
    async getConversation({ id }): Promise<ConversationView> {
      const { title, updatedAt, messages } = conversations().get(id);
      return { id, title, updatedAt, messages: messages.map(messageView) };
    },
    async deleteConversation({ id }) {
      conversations().remove(id);
      changed();
      return null;
    },
    async ask({ conversationId, question, streamId, regenerate, retrieval }) {
      if (streams.has(streamId)) throw new TroveError('INVALID_ARGUMENT', `Stream ${streamId} is already answering.`);
      const controller = new AbortController();
      streams.set(streamId, controller);
      try {
        const outcome = await ctx.session.use((engine) =>
          engine.converse(
            conversationId,
            question,
            { retrieval: retrieval ?? true, regenerate },
            { signal: controller.signal, onToken: (text) => ctx.emit({ type: 'answer-token', streamId, text }), onQuery: changed },
          ),
        );
        changed();
        return { conversationId: outcome.conversationId, question: messageView(outcome.question), answer: messageView(outcome.answer) };
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
