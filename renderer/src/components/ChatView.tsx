/** The conversation: questions, answers (streaming included), the question box with ask and stop. */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { Commands } from '../commands.ts';
import { searchedFor } from '../../../electron/shared/searched-for.ts';
import type { State } from '../state/reducer.ts';
import { AnswerMessage } from './AnswerMessage.tsx';

export interface ChatViewProps {
  readonly state: State;
  readonly commands: Commands;
  readonly inputRef: RefObject<HTMLTextAreaElement | null>;
}

export function ChatView({ state, commands, inputRef }: ChatViewProps) {
  const [draft, setDraft] = useState('');
  const end = useRef<HTMLDivElement>(null);
  const { messages, streaming } = state;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, streaming?.tokens]);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft.trim() === '' || streaming) return;
    void commands.ask(draft);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) submit(event);
  };
  const shown = streaming?.regenerate ? messages.slice(0, -1) : messages;
  const lastAnswer = shown.findLastIndex((m) => m.role === 'assistant');
  return (
    <section className="chat" aria-label="Conversation">
      <div className="messages" role="log" aria-live="polite">
        {shown.length === 0 && !streaming && <p className="empty">Ask a question about your folders. Answers cite the exact file and lines.</p>}
        {shown.map((message, index) =>
          message.role === 'user' ? (
            <article key={message.id} className="message user" aria-label="Question">
              {message.text}
            </article>
          ) : (
            <AnswerMessage
              key={message.id}
              text={message.text}
              kind={message.kind}
              sources={message.sources}
              aborted={message.aborted}
              searchedFor={searchedFor(shown[index - 1]?.role === 'user' ? shown[index - 1]?.text : undefined, message.query)}
              streaming={false}
              onOpenSource={(id) => void commands.openSource(id)}
              onCopy={() => void commands.copy(message.text)}
              onRegenerate={index === lastAnswer && !streaming ? () => void commands.regenerate() : undefined}
              answerId={message.answerId}
              onMark={commands.markAnswer}
            />
          ),
        )}
        {streaming && (
          <>
            {!streaming.regenerate && (
              <article className="message user" aria-label="Question">
                {streaming.question}
              </article>
            )}
            <AnswerMessage text={streaming.text} kind={null} sources={[]} aborted={false} streaming onOpenSource={() => undefined} />
          </>
        )}
        <div ref={end} />
      </div>
      <form className="ask" onSubmit={submit}>
        <label htmlFor="question" className="visually-hidden">
          Question
        </label>
        <textarea
          id="question"
          ref={inputRef}
          value={draft}
          rows={2}
          placeholder="Ask about your documents… (Enter to send, Shift+Enter for a new line)"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {streaming ? (
          <button type="button" className="stop" onClick={() => void commands.stop()}>
            Stop
          </button>
        ) : (
          <button type="submit" disabled={draft.trim() === ''}>
            Ask
          </button>
        )}
      </form>
    </section>
  );
}
