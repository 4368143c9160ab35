/**
 * One answer: Markdown text, a label saying where it came from, every source it was given as a chip (cited
 * ones marked), and copy / regenerate.
 */
import type { FeedbackView, MessageView, SourceView, VerdictView } from '../../../electron/shared/api.ts';
import { formatSpan } from '../format.ts';
import { FeedbackButtons } from './FeedbackButtons.tsx';
import { Markdown } from './Markdown.tsx';

const KIND_LABELS: Record<NonNullable<MessageView['kind']>, string | null> = {
  generated: null,
  extractive: 'Best passages from your documents (no chat model chosen)',
  abstained: 'Not found in your documents',
  ungrounded: 'Not from your documents: answered by the model alone',
};

export interface AnswerProps {
  readonly text: string;
  readonly kind: MessageView['kind'];
  readonly sources: readonly SourceView[];
  readonly aborted: boolean;
  /** What was searched for, when it differs from the question (a follow-up made to stand alone). */
  readonly searchedFor?: string | null;
  readonly streaming: boolean;
  readonly onOpenSource: (chunkId: number) => void;
  readonly onCopy?: () => void;
  readonly onRegenerate?: () => void;
  /** The answer's record, to mark it good or bad; null for answers written before feedback existed. */
  readonly answerId?: number | null;
  readonly onMark?: (answerId: number, verdict: VerdictView, correctedAnswer?: string) => Promise<FeedbackView | undefined>;
}

export function AnswerMessage(props: AnswerProps) {
  const label = props.kind ? KIND_LABELS[props.kind] : null;
  return (
    <article className="message assistant" aria-label="Answer" aria-busy={props.streaming}>
      {props.searchedFor && (
        <p className="searched-for" data-testid="searched-for">
          Searched for: {props.searchedFor}
        </p>
      )}
      {label && (
        <p className={`answer-kind kind-${props.kind}`} role="note">
          {label}
        </p>
      )}
      <div className="answer-text" data-testid="answer-text">
        <Markdown text={props.text} />
        {props.streaming && <span className="cursor" aria-hidden="true" />}
      </div>
      {props.aborted && <p className="answer-kind">Stopped</p>}
      {props.sources.length > 0 && <SourceChips sources={props.sources} onOpen={props.onOpenSource} />}
      {!props.streaming && (
        <div className="message-actions">
          {props.onCopy && (
            <button type="button" onClick={props.onCopy}>
              Copy
            </button>
          )}
          {props.onRegenerate && (
            <button type="button" onClick={props.onRegenerate}>
              Regenerate
            </button>
          )}
          {props.answerId != null && props.onMark && <FeedbackButtons answerId={props.answerId} text={props.text} onMark={props.onMark} />}
        </div>
      )}
    </article>
  );
}

export function SourceChips({ sources, onOpen }: { readonly sources: readonly SourceView[]; readonly onOpen: (chunkId: number) => void }) {
  return (
    <ul className="sources" aria-label="Sources">
      {sources.map((source) => (
        <li key={source.n}>
          <button
            type="button"
            className={source.cited ? 'chip cited' : 'chip'}
            title={`${source.path}${source.heading ? ` — ${source.heading}` : ''}`}
            aria-label={`Source ${source.n}: ${formatSpan(source)}${source.cited ? ' (cited)' : ''}`}
            onClick={() => onOpen(source.chunkId)}
          >
            <span className="chip-n">[{source.n}]</span> {formatSpan(source)}
          </button>
        </li>
      ))}
    </ul>
  );
}
