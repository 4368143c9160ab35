/**
 * `npm run bench`: runs the benchmarks and prints Markdown to paste into docs/benchmarks.md (medians of
 * repeated runs, each next to a baseline measured in the same run, with the machine described).
 */
import { answerFirstTokenMarkdown, benchAnswerFirstToken } from './answer-first-token.ts';
import { benchIndexHtml } from './index-html.ts';
import { benchHostile, hostileMarkdown } from './hostile.ts';
import { benchIndexThroughput, throughputMarkdown } from './index-throughput.ts';
import { benchSearchScale, benchSizes, searchScaleMarkdown } from './search-scale.ts';
import { describeMachine } from './machine.ts';
import { benchStartup, startupMarkdown } from './startup.ts';
import { benchLlmOverhead, llmBenchModels, llmOverheadMarkdown } from './llm-overhead.ts';
import { benchWatchLatency, formatWatchLatency } from './watch-latency.ts';
import { benchDevsets, devsetsMarkdown } from './devsets.ts';
import { benchServeLoad, serveLoadMarkdown } from './serve-load.ts';
import { benchZooIndex, zooIndexMarkdown } from './zoo-index.ts';
import { benchZooAnswer, zooAnswerMarkdown } from './zoo-answer.ts';
import { benchOcr, ocrMarkdown } from './ocr.ts';

const html = await benchIndexHtml();
const ms = (value: number) => `${value.toFixed(0)} ms`;
console.log(`Machine: ${describeMachine()}\n`);
console.log(`### Indexing ${html.files} HTML pages (${html.megabytes.toFixed(1)} MB, ${html.corpus}), no model\n`);
console.log('| measure | median of 3 | ratio to baseline |');
console.log('|---|---|---|');
console.log(`| baseline: read + sha256 every file | ${ms(html.baselineReadHashMs)} | 1.0× |`);
console.log(`| \`trove index\` into an empty index (${html.chunks} chunks) | ${ms(html.indexMs)} | ${(html.indexMs / html.baselineReadHashMs).toFixed(1)}× |`);
console.log(`| \`trove index\` again, nothing changed | ${ms(html.reindexUnchangedMs)} | ${(html.reindexUnchangedMs / html.baselineReadHashMs).toFixed(2)}× |`);
console.log(`\nBM25 search over that index, 10 questions × 3 runs: p50 ${html.searchP50Ms.toFixed(1)} ms, p95 ${html.searchP95Ms.toFixed(1)} ms.`);
if (html.hitAt5 !== undefined) console.log(`Judged questions answered by a right page in the top 5: ${(html.hitAt5 * 100).toFixed(0)}%.`);
console.log('\n### Start-up: the built CLI and the engine host next to `node -e 0`\n');
console.log(startupMarkdown(await benchStartup()));
console.log(`\n${formatWatchLatency(await benchWatchLatency())}`);
console.log('\n### Answer generation: Trove vs node-llama-cpp directly (medians, greedy, same model, context and threads)\n');
console.log(llmOverheadMarkdown(await benchLlmOverhead(await llmBenchModels())));
console.log('\n### Indexing with a real-sized embedder: the zoo\'s bge-small-en-v1.5 shape next to node-llama-cpp alone on the same texts\n');
console.log(zooIndexMarkdown(await benchZooIndex()));
console.log('\n### Grounded answers at real sizes: the zoo\'s Qwen2.5 0.5B and 1.5B shapes (Q8_0), Engine.ask next to node-llama-cpp alone on the same prompt\n');
console.log(zooAnswerMarkdown(await benchZooAnswer()));
console.log("\n### Time to the first answer token: Qwen2.5-0.5B's shape over the PostgreSQL manual (TROVE_BENCH_BASELINE=<rev> adds a before/after)\n");
console.log(answerFirstTokenMarkdown(await benchAnswerFirstToken({ baseline: process.env.TROVE_BENCH_BASELINE || undefined })));
console.log(`\n### Search latency at scale: ${benchSizes().join(', ')} synthetic chunks, 384-d vectors (p50 / p95 of 30 queries × 3 runs)\n`);
console.log(searchScaleMarkdown(await benchSearchScale()));
console.log('\n### Indexing throughput on generated mixed files\n');
console.log(throughputMarkdown(await benchIndexThroughput()));
console.log('\n### Hostile inputs at full size: peak memory and time next to the same good files alone\n');
console.log(hostileMarkdown(await benchHostile()));
console.log('\n### Dev sets: the engine next to the engine before issue 11 and a naive per-page FTS5 index\n');
console.log(devsetsMarkdown(await benchDevsets(process.env.TROVE_BENCH_DEVSETS_BASELINE)));
console.log('\n### `trove serve` under load while a folder is being indexed (generated tiny models)\n');
console.log(serveLoadMarkdown(await benchServeLoad()));
console.log('\n### OCR (issue 15): a scanned PDF next to the same pages with a text layer\n');
console.log(ocrMarkdown(await benchOcr()));
// The llama runtime keeps the event loop alive after the last section: end the run explicitly.
process.exit(0);
