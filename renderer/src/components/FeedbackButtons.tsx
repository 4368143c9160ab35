/**
 * Feedback on one answer: good or bad, or an edited (corrected) answer. Approved answers (good, or corrected)
 * are what "Export training data" writes. `goodLabel` lets the compare view say "Better" instead of "Good".
 */
import { useState } from 'react';
import type { FeedbackView, VerdictView } from '../../../electron/shared/api.ts';

export interface FeedbackButtonsProps {
  readonly answerId: number;
  readonly text: string;
  readonly goodLabel?: string;
  readonly onMark: (answerId: number, verdict: VerdictView, correctedAnswer?: string) => Promise<FeedbackView | undefined>;
}

export function FeedbackButtons({ answerId, text, goodLabel = 'Good', onMark }: FeedbackButtonsProps) {
  const [marked, setMarked] = useState<FeedbackView | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const mark = async (verdict: VerdictView, corrected?: string) => {
    const result = await onMark(answerId, verdict, corrected);
    if (result) {
      setMarked(result);
      setDraft(null);
    }
  };
  if (draft !== null) {
    return (
      <form
        className="feedback-edit"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim() !== '') void mark('good', draft);
        }}
      >
        <label>
          Corrected answer (cite sources as [1], [2]…)
          <textarea value={draft} rows={4} onChange={(event) => setDraft(event.target.value)} />
        </label>
        <button type="submit" disabled={draft.trim() === ''}>
          Save corrected answer
        </button>
        <button type="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <span className="feedback" role="group" aria-label="Feedback">
      <button type="button" aria-pressed={marked?.verdict === 'good' && !marked.corrected} onClick={() => void mark('good')}>
        {goodLabel}
      </button>
      <button type="button" aria-pressed={marked?.verdict === 'bad'} onClick={() => void mark('bad')}>
        Bad
      </button>
      <button type="button" onClick={() => setDraft(text)}>
        Edit
      </button>
      {marked && (
        <span className="feedback-state" role="status">
          {marked.corrected ? 'Corrected answer saved' : `Marked ${marked.verdict}`}
        </span>
      )}
    </span>
  );
}
