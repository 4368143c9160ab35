/**
 * Compare: one question, the same sources, answers from two configurations side by side, both streamed. The
 * person picks the better one (marked good) or edits one (a corrected answer); "Export training data…" writes
 * every approved answer as a fine-tuning dataset.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ApiEvent, CompareView as Compared, ExportSummaryView } from '../../../electron/shared/api.ts';
import type { Commands } from '../commands.ts';
import { FeedbackButtons } from './FeedbackButtons.tsx';
import { Markdown } from './Markdown.tsx';
import { SourceChips } from './AnswerMessage.tsx';

const SIDES = ['A', 'B'] as const;
const SYNTAX = 'current, none, adapter=FILE@SCALE or model=FILE';

export interface CompareViewProps {
  readonly commands: Commands;
  readonly onEvent: (listener: (event: ApiEvent) => void) => () => void;
}

export function CompareView({ commands, onEvent }: CompareViewProps) {
  const [question, setQuestion] = useState('');
  const [configurations, setConfigurations] = useState<[string, string]>(['none', 'current']);
  /** Longest answer in tokens; empty: the model's default budget. */
  const [maxTokens, setMaxTokens] = useState('');
  const [streams, setStreams] = useState<{ readonly ids: readonly [string, string]; readonly texts: [string, string] } | null>(null);
  const [compared, setCompared] = useState<Compared | null>(null);
  const [exported, setExported] = useState<ExportSummaryView | null>(null);

  useEffect(
    () =>
      onEvent((event) => {
        if (event.type !== 'answer-token') return;
        setStreams((current) => {
          const side = current?.ids.indexOf(event.streamId) ?? -1;
          if (!current || side < 0) return current;
          const texts: [string, string] = [...current.texts];
          texts[side] += event.text;
          return { ...current, texts };
        });
      }),
    [onEvent],
  );

  const busy = streams !== null && compared === null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (question.trim() === '' || busy) return;
    const ids = commands.newStreamIds();
    setCompared(null);
    setStreams({ ids, texts: ['', ''] });
    const limit = Number.parseInt(maxTokens, 10);
    const result = await commands.compare(question, configurations, ids, Number.isInteger(limit) && limit > 0 ? limit : undefined);
    if (result) setCompared(result);
    else setStreams(null);
  };
  const setConfiguration = (side: number, value: string) =>
    setConfigurations((current) => (side === 0 ? [value, current[1]] : [current[0], value]));
  const chooseAdapter = async (side: number) => {
    const path = await commands.chooseAdapterFile();
    if (path) setConfiguration(side, `adapter=${path}@1`);
  };
  const exportData = async () => {
    const summary = await commands.exportFeedback();
    if (summary) setExported(summary);
  };

  return (
    <section className="compare" aria-label="Compare answers">
      <form className="compare-form" onSubmit={(event) => void submit(event)}>
        <label>
          Question
          <textarea aria-label="Compare question" value={question} rows={2} onChange={(event) => setQuestion(event.target.value)} />
        </label>
        {SIDES.map((side, index) => (
          <div className="compare-configuration" key={side}>
            <label>
              Configuration {side}
              <input value={configurations[index]} title={SYNTAX} placeholder={SYNTAX} onChange={(event) => setConfiguration(index, event.target.value)} />
            </label>
            <button type="button" onClick={() => void chooseAdapter(index)}>
              Choose adapter…
            </button>
          </div>
        ))}
        <label>
          Longest answer (tokens)
          <input type="number" min={1} value={maxTokens} placeholder="default" onChange={(event) => setMaxTokens(event.target.value)} />
        </label>
        <button type="submit" disabled={busy || question.trim() === ''}>
          Compare
        </button>
      </form>
      {compared && compared.sources.length > 0 && (
        <div className="compare-sources">
          <h3>Sources given to both</h3>
          <SourceChips sources={compared.sources} onOpen={(chunkId) => void commands.openSource(chunkId)} />
        </div>
      )}
      {streams && (
        <div className="compare-answers">
          {SIDES.map((side, index) => {
            const answer = compared?.answers[index];
            return (
              <article key={side} className="message assistant" aria-label={`Answer ${side}`} aria-busy={!answer}>
                <h3>
                  {side}: {answer?.configuration ?? configurations[index]}
                </h3>
                <div className="answer-text" data-testid="answer-text">
                  <Markdown text={answer?.text ?? streams.texts[index] ?? ''} />
                </div>
                {answer && answer.cited.length > 0 && <p className="answer-cites">Cites {answer.cited.map((n) => `[${n}]`).join(' ')}</p>}
                {answer?.answerId != null && <FeedbackButtons answerId={answer.answerId} text={answer.text} goodLabel="Better" onMark={commands.markAnswer} />}
              </article>
            );
          })}
        </div>
      )}
      <div className="compare-export">
        <button type="button" onClick={() => void exportData()}>
          Export training data…
        </button>
        {exported && (
          <p role="status">
            Exported {exported.train + exported.heldOut} examples ({exported.train} for training, {exported.heldOut} held out) to {exported.files.train}
          </p>
        )}
      </div>
    </section>
  );
}
