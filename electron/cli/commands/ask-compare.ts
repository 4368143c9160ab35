/**
 * `trove ask --compare <config> --compare <config> "<question>"`: one question, the same retrieved sources, two
 * answers (configurations in core/feedback/compare-configuration.ts), each streamed under its heading with its
 * citations and answerId, to be marked with `trove feedback <answerId> good|bad`.
 */
import { formatSpan } from '../../core/answer/prompt.ts';
import type { ComparedAnswer } from '../../core/engine.ts';
import { TroveError } from '../../core/errors.ts';
import { parseCompareConfiguration } from '../../core/feedback/compare-configuration.ts';
import { converseOptions } from '../../api/requests.ts';
import { askResultJson, citationJson } from '../../api/result-json.ts';
import { answerModelsOf, loadsEmbedder, type AskCommandOptions } from './ask.ts';
import { printJson, withEngine } from './open.ts';

export async function runCompare(question: string, compare: readonly string[], options: AskCommandOptions): Promise<void> {
  if (compare.length !== 2) throw new TroveError('INVALID_ARGUMENT', `--compare needs exactly two configurations (give it twice), not ${compare.length}`);
  if (options.conversation !== undefined) throw new TroveError('INVALID_ARGUMENT', '--compare answers a question on its own: leave out --conversation');
  const configurations = [parseCompareConfiguration(compare[0] as string), parseCompareConfiguration(compare[1] as string)] as const;
  await withEngine({ ...options, loadEmbedder: loadsEmbedder(options), answerModels: answerModelsOf(options) }, async (engine) => {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    const stream = (label: string) => {
      let started = false;
      return {
        signal: controller.signal,
        onToken: options.json
          ? undefined
          : (text: string) => {
              if (!started) process.stdout.write(`── ${label} ──\n`);
              started = true;
              process.stdout.write(text);
            },
      };
    };
    try {
      const answers = await engine.compare(question, configurations, converseOptions(engine, options), [
        stream(configurations[0].label),
        stream(configurations[1].label),
      ]);
      if (options.json) printJson(comparedJson(question, answers));
      else printForPeople(answers);
      if (answers.some((a) => a.result.aborted)) process.exitCode = 130;
    } finally {
      process.off('SIGINT', stop);
    }
  });
}

function comparedJson(question: string, answers: readonly ComparedAnswer[]) {
  const first = answers[0]?.result;
  return {
    question,
    sources: (first?.sources ?? []).map(citationJson),
    answers: answers.map((a) => ({ configuration: a.configuration, ...askResultJson(a.result) })),
  };
}

function printForPeople(answers: readonly ComparedAnswer[]): void {
  const notices = new Set(answers.flatMap((a) => a.result.notices));
  for (const notice of notices) process.stderr.write(`trove: ${notice}\n`);
  for (const { configuration, result } of answers) {
    // Generated answers were streamed under their heading; the others are printed whole here.
    if (result.kind !== 'generated' && result.kind !== 'ungrounded') process.stdout.write(`── ${configuration} ──\n${result.answer}`);
    process.stdout.write('\n');
    if (result.citations.length > 0) process.stdout.write(`Sources:\n${result.citations.map((c) => `  [${c.n}] ${formatSpan(c)}`).join('\n')}\n`);
    process.stdout.write(`answerId: ${result.answerId ?? 'not recorded'}   (trove feedback ${result.answerId ?? '<id>'} good|bad)\n\n`);
  }
}
