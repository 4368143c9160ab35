/**
 * The evaluation report as one self-contained HTML page: metric bars per mode, latency distributions, the
 * comparison of variants with confidence intervals, and a per-question table for drill-down.
 */
import type { EvalMode } from './eval-modes.ts';
import { escapeHtml, groupedBarChart, latencyStrips } from './report-charts.ts';
import { RETRIEVAL_METRICS } from './retrieval-eval.ts';
import type { EvalReport, VariantResult } from './run-eval.ts';

const MAX_QUESTION_ROWS = 500;

export function renderEvalHtml(report: EvalReport): string {
  const title = `Trove evaluation — ${report.dataset.name}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #e3e3e3;padding:.3rem .6rem;text-align:right}
td:first-child,th:first-child{text-align:left}.yes{color:#17803d;font-weight:600}.no{color:#888}
details{margin:.2rem 0}code{font-size:12px}h2{margin-top:2.2rem}
@media (prefers-color-scheme: dark){body{background:#16181c;color:#ddd}td,th{border-color:#333}svg text{fill:#ddd}}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${report.dataset.questions} questions (${escapeHtml(report.dataset.kind)} dataset) · ${escapeHtml(report.createdAt)}</p>
${report.variants.map(renderVariant).join('\n')}
${renderComparisons(report)}
${renderQuestions(report)}
</body></html>
`;
}

function modesOf(variant: VariantResult): EvalMode[] {
  return Object.keys(variant.modes) as EvalMode[];
}

function renderVariant(variant: VariantResult): string {
  const modes = modesOf(variant);
  const rows = modes.map((mode) => {
    const result = variant.modes[mode];
    if (!result) return '';
    const cells = RETRIEVAL_METRICS.map((metric) => `<td>${result.metrics[metric].toFixed(3)}</td>`).join('');
    return `<tr><td>${mode}</td>${cells}<td>${result.latencyMs.p50.toFixed(1)}</td><td>${result.latencyMs.p95.toFixed(1)}</td></tr>`;
  });
  const bars = groupedBarChart(RETRIEVAL_METRICS, modes.map((mode) => ({ name: mode, values: RETRIEVAL_METRICS.map((m) => variant.modes[mode]?.metrics[m] ?? 0) })));
  const strips = latencyStrips(
    modes.flatMap((mode) => {
      const r = variant.modes[mode];
      return r ? [{ name: mode, values: r.questions.map((q) => q.latencyMs), p50: r.latencyMs.p50, p95: r.latencyMs.p95 }] : [];
    }),
  );
  const followUps = modes.flatMap((mode) => {
    const f = variant.modes[mode]?.followUps;
    return f ? [`<tr><td>${mode}</td><td>${f.conversations.length}</td><td>${f.rewrite === 'engine' ? 'engine rewrite' : 'as asked'}</td><td>${f.followUpHitAt5.toFixed(3)}</td><td>${f.standaloneHitAt5.toFixed(3)}</td></tr>`] : [];
  });
  const followUpTable = followUps.length === 0 ? '' : `<h3>Follow-up questions</h3><table><tr><th>mode</th><th>conversations</th><th>follow-up searched</th><th>follow-up hit@5</th><th>standalone hit@5</th></tr>${followUps.join('')}</table>`;
  const skipped = variant.skipped.map((s) => `<li>${s.mode}: ${escapeHtml(s.reason)}</li>`).join('');
  const config = [variant.config.chunking ? `chunks of ${variant.config.chunking.maxTokens} tokens, ${variant.config.chunking.overlapTokens} overlap` : '', variant.config.embedModel ? `embedding model ${variant.config.embedModel}` : '',
    variant.config.postingsBudget !== undefined ? `BM25 budget ${variant.config.postingsBudget} matches` : '']
    .filter(Boolean)
    .join(' · ');
  return `<h2>Variant: ${escapeHtml(variant.name)}</h2>
<p>${escapeHtml(config || 'default configuration')}${variant.indexSeconds !== undefined ? ` · indexed in ${variant.indexSeconds.toFixed(1)} s` : ''}</p>
<table><tr><th>mode</th>${RETRIEVAL_METRICS.map((m) => `<th>${m}</th>`).join('')}<th>p50 ms</th><th>p95 ms</th></tr>${rows.join('')}</table>
${bars}
${followUpTable}
<h3>Search latency per question</h3>
${strips}
${skipped ? `<p>Not run:</p><ul>${skipped}</ul>` : ''}
${renderAnswers(variant)}`;
}

function renderAnswers(variant: VariantResult): string {
  const answers = variant.answers;
  if (!answers) return '';
  const show = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));
  const m = answers.metrics;
  const bars = groupedBarChart(
    ['citations valid', 'cited expected', 'declined (unanswerable)', 'declined (answerable)', 'overlap F1'],
    [{ name: 'answers', values: [m.citationValidity, m.citedRelevance, m.correctlyDeclined, m.wronglyDeclined, m.overlapF1].map((v) => v ?? 0) }],
  );
  const strips = latencyStrips(
    (['retrieve', 'firstToken', 'total'] as const).map((key) => ({
      name: key === 'firstToken' ? 'first token' : key === 'total' ? 'full answer' : 'retrieval',
      values: answers.questions.flatMap((q) => {
        const value = key === 'retrieve' ? q.timings.retrieveMs : key === 'firstToken' ? q.timings.firstTokenMs : q.timings.totalMs;
        return value === null ? [] : [value];
      }),
      p50: answers.latencyMs[key].p50,
      p95: answers.latencyMs[key].p95,
    })),
  );
  const decisions = `<table><tr><th>answerable declined</th><th>unanswerable declined</th><th>abstention precision</th><th>abstention recall</th><th>median ${answers.promptTokens === 'model' ? 'prompt tokens' : 'passage tokens (estimated)'}</th></tr>
<tr><td>${show(m.wronglyDeclined)}</td><td>${show(m.correctlyDeclined)}</td><td>${show(m.abstentionPrecision)}</td><td>${show(m.abstentionRecall)}</td><td>${m.medianPromptTokens === null ? 'n/a' : m.medianPromptTokens.toFixed(0)}</td></tr></table>`;
  const rows = answers.questions
    .slice(0, MAX_QUESTION_ROWS)
    .map((q) => `<tr><td><details><summary>${escapeHtml(q.question)}</summary>${escapeHtml(q.answer)}</details></td><td>${q.answerable ? 'yes' : 'no'}</td><td>${q.kind}</td><td class="${q.decisionCorrect ? 'yes' : 'no'}">${q.decisionCorrect ? 'right' : 'wrong'}</td></tr>`);
  if (answers.model === null) {
    return `<h3>Decisions without a chat model (${answers.mode} retrieval)</h3>
${decisions}
<table><tr><th>question</th><th>answerable</th><th>answer</th><th>decision</th></tr>${rows.join('')}</table>`;
  }
  return `<h3>Answers (${escapeHtml(answers.model)}, ${answers.mode} retrieval)</h3>
${decisions}
<table><tr><th>citations valid</th><th>cited expected</th><th>declined when unanswerable</th><th>declined when answerable</th><th>overlap F1</th></tr>
<tr><td>${show(m.citationValidity)}</td><td>${show(m.citedRelevance)}</td><td>${show(m.correctlyDeclined)}</td><td>${show(m.wronglyDeclined)}</td><td>${show(m.overlapF1)}</td></tr></table>
${bars}
${strips}
<table><tr><th>question</th><th>answerable</th><th>answer</th><th>decision</th></tr>${rows.join('')}</table>`;
}

function renderComparisons(report: EvalReport): string {
  if (report.comparisons.length === 0 && report.answerComparisons.length === 0) return '';
  const rows = report.comparisons.flatMap((c) =>
    RETRIEVAL_METRICS.map((metric) => {
      const d = c.metrics[metric];
      return `<tr><td>${escapeHtml(c.variant)} vs ${escapeHtml(c.baseline)}</td><td>${c.mode}</td><td>${metric}</td><td>${d.difference >= 0 ? '+' : ''}${d.difference.toFixed(4)}</td><td>[${d.ci95[0].toFixed(4)}, ${d.ci95[1].toFixed(4)}]</td><td>${d.noise.toFixed(4)}</td><td class="${d.significant ? 'yes' : 'no'}">${d.significant ? 'yes' : 'no'}</td></tr>`;
    }),
  );
  const answerRows = report.answerComparisons.flatMap((c) =>
    Object.entries(c.metrics).map(
      ([metric, d]) =>
        `<tr><td>${escapeHtml(c.variant)} vs ${escapeHtml(c.baseline)}</td><td>answers</td><td>${metric}</td><td>${d.difference >= 0 ? '+' : ''}${d.difference.toFixed(4)}</td><td>[${d.ci95[0].toFixed(4)}, ${d.ci95[1].toFixed(4)}]</td><td>${d.noise.toFixed(4)}</td><td class="${d.significant ? 'yes' : 'no'}">${d.significant ? 'yes' : 'no'}</td></tr>`,
    ),
  );
  rows.push(...answerRows);
  return `<h2>Comparison</h2><p>Differences are per-question paired; the 95% interval is a paired bootstrap over questions. "Real" means the interval excludes 0 and the difference exceeds the run-to-run noise.</p>
<table><tr><th>variants</th><th>mode</th><th>metric</th><th>difference</th><th>95% interval</th><th>noise</th><th>real</th></tr>${rows.join('')}</table>`;
}

function renderQuestions(report: EvalReport): string {
  const first = report.variants[0];
  if (!first) return '';
  const modes = modesOf(first);
  const questions = first.modes[modes[0] ?? 'bm25']?.questions ?? [];
  const rows = questions.slice(0, MAX_QUESTION_ROWS).map((q, index) => {
    const cells = modes.map((mode) => `<td>${(first.modes[mode]?.questions[index]?.metrics['ndcg@10'] ?? 0).toFixed(3)}</td>`).join('');
    const detail = `<details><summary>${escapeHtml(q.question)}</summary>relevant: <code>${escapeHtml(q.relevant.join(', '))}</code><br>top 10: <code>${escapeHtml(q.top.join(', '))}</code></details>`;
    return `<tr><td>${detail}</td>${cells}</tr>`;
  });
  const more = questions.length > MAX_QUESTION_ROWS ? `<p>…and ${questions.length - MAX_QUESTION_ROWS} more in the JSON report.</p>` : '';
  return `<h2>Per question (${escapeHtml(first.name)}, nDCG@10)</h2><table><tr><th>question</th>${modes.map((m) => `<th>${m}</th>`).join('')}</tr>${rows.join('')}</table>${more}`;
}
