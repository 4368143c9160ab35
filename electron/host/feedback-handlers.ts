/**
 * Compare, feedback and export for the window: two configurations answer one question over the same sources
 * (streamed as `answer-token` events under their own streamIds), answers are marked good or bad (or corrected),
 * and approved answers are exported as a fine-tuning dataset to the file the user chose.
 */
import type { AskResult } from '../core/answer/types.ts';
import { TroveError } from '../core/errors.ts';
import { parseCompareConfiguration } from '../core/feedback/compare-configuration.ts';
import type { ComparedAnswerView, CompareView, SourceView } from '../shared/api.ts';
import type { HandlerGroup, HostContext } from './context.ts';

type FeedbackMethods = 'compareAnswers' | 'markAnswer' | 'exportFeedback';

export function feedbackHandlers(ctx: HostContext): HandlerGroup<FeedbackMethods> {
  return {
    async compareAnswers({ question, configurations, streamIds, maxTokens }): Promise<CompareView> {
      if (streamIds[0] === streamIds[1]) throw new TroveError('INVALID_ARGUMENT', 'The two answers need different stream ids.');
      const parsed = [parseCompareConfiguration(configurations[0]), parseCompareConfiguration(configurations[1])] as const;
      const stream = (streamId: string) => ({ onToken: (text: string) => ctx.emit({ type: 'answer-token', streamId, text }) });
      const [a, b] = await ctx.session.use((engine) => engine.compare(question, parsed, { maxAnswerTokens: maxTokens }, [stream(streamIds[0]), stream(streamIds[1])]));
      return { question, sources: sourceViews(a.result), answers: [answerView(a.configuration, a.result), answerView(b.configuration, b.result)] };
    },
    async markAnswer({ answerId, verdict, correctedAnswer }) {
      const marked = await ctx.session.use((engine) => engine.recordFeedback(answerId, verdict, correctedAnswer));
      return { answerId: marked.id, verdict, corrected: marked.feedback?.correctedAnswer != null };
    },
    async exportFeedback({ path, format, split }) {
      return ctx.session.use((engine) => engine.exportFeedback({ out: path, format, split }));
    },
  };
}

function sourceViews(result: AskResult): SourceView[] {
  const given = result.sources.length > 0 ? result.sources : result.citations;
  return given.map((s) => ({ n: s.n, chunkId: s.chunkId, path: s.path, startLine: s.startLine, endLine: s.endLine, page: s.page, heading: s.heading, cited: false }));
}

function answerView(configuration: string, result: AskResult): ComparedAnswerView {
  return {
    configuration,
    answerId: result.answerId ?? null,
    text: result.answer,
    kind: result.kind,
    model: result.model,
    adapters: result.adapters.map((a) => ({ path: a.path, scale: a.scale })),
    aborted: result.aborted,
    cited: result.citations.map((c) => c.n),
  };
}
