/**
 * Prompt size with focused passages against whole chunks, on real manuals: for each question the answerer
 * builds its prompt (k = 8, BM25, no reranker, a context large enough that nothing is dropped), and the same
 * sources are formatted again with their whole chunk text. Counted with the chunk token estimator and with the
 * generated tiny model's tokenizer and chat template. "Terms kept" is the share of (source, question term)
 * pairs found in a whole chunk that are still in its focused passage: what focusing dropped of what matched.
 *
 * Corpora: Debian's PostgreSQL 15 manual (HTML, `postgresql-doc-15`) and Node.js API docs (each page in
 * Markdown and HTML, `nodejs-doc`), whichever are installed. Questions are plain-language, written before looking at results.
 *
 *   npx tsx scripts/bench/focus-tokens.ts
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { focusPassage } from '../../electron/core/answer/focus.ts';
import type { ChatMessage, GenerateOptions, Generation, Generator } from '../../electron/core/answer/ports.ts';
import { groundedMessages, type PromptSource } from '../../electron/core/answer/prompt.ts';
import { estimateTokens } from '../../electron/core/chunk/estimate-tokens.ts';
import { Engine } from '../../electron/core/engine.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { analyze, queryTerms } from '../../electron/core/search/analyze.ts';
import type { SearchHit } from '../../electron/core/search/searcher.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels } from '../generate-test-models.ts';
import { median } from './stats.ts';

interface Corpus {
  readonly name: string;
  readonly dir: string;
  readonly questions: readonly string[];
}

const CORPORA: readonly Corpus[] = [
  {
    name: 'PostgreSQL 15 manual (HTML, postgresql-doc-15)',
    dir: '/usr/share/doc/postgresql-doc-15/html',
    questions: [
      'How do I create an index without locking the table?',
      "How can I change a user's password?",
      'What does VACUUM FULL do differently from plain VACUUM?',
      'How do I make a backup of a single database?',
      'How do I format a date as text?',
      'How many connections can the server accept at once?',
      'How do I add a foreign key to an existing table?',
      'How are full text search results ranked?',
      'What is a window function?',
      'What are replication slots used for?',
      'How do I restore a dump made with pg_dump?',
      'How can I see which queries are running right now?',
      'How do I give a user read-only access to a table?',
      'What happens when a transaction is rolled back?',
      'How do I rename a column?',
      'How do I store JSON and query a field inside it?',
      'How do I make a column generate its values automatically?',
      'Which isolation levels are supported?',
      'How do I find out why a query is slow?',
      'How do I limit how much memory a sort can use?',
    ],
  },
  {
    name: 'Node.js API docs (Markdown and HTML, nodejs-doc)',
    dir: '/usr/share/doc/nodejs/api',
    questions: [
      'How do I read a file line by line?',
      'How do I start a child process and capture its output?',
      'How can I create an HTTP server that answers with JSON?',
      'How do I parse a URL and read its query parameters?',
      'How do I run code when the process exits?',
      'How do I read environment variables?',
      'How do I compute a SHA-256 hash of a string?',
      'How do I watch a directory for changes?',
      'How can I pipe one stream into another and handle errors?',
      'How do I run CPU-heavy work in a separate thread?',
      'How do I set a timeout that can be cancelled?',
      'How do I encode a buffer as base64?',
      'How do I make a DNS lookup?',
      'How do I write a test with the built-in test runner?',
      'How do I listen for UDP datagrams?',
      'How do I create a TCP client that connects to a server?',
      'How do I read input from the terminal interactively?',
      'How do I compress data with gzip?',
      'How do I measure how long an operation takes?',
      'How do I load an ES module from CommonJS?',
    ],
  },
];

/** Records the prompts the answerer builds, counted by the estimator, without generating. */
class PromptRecorder implements Generator {
  readonly modelId = 'prompt-recorder';
  readonly adapters = [];
  readonly contextSize = 1_000_000;
  readonly prompts: ChatMessage[][] = [];

  countPromptTokens(messages: readonly ChatMessage[]): number {
    return estimatedPromptTokens(messages);
  }

  async generate(messages: readonly ChatMessage[], _options: GenerateOptions): Promise<Generation> {
    this.prompts.push([...messages]);
    return { text: '', promptTokens: this.countPromptTokens(messages), completionTokens: 0, firstTokenMs: undefined, decodeMs: 0, stopReason: 'end' };
  }

  async dispose(): Promise<void> {}
}

function estimatedPromptTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + 4 + estimateTokens(m.text), 0);
}

export interface FocusTokensRow {
  readonly corpus: string;
  readonly questions: number;
  readonly answered: number;
  readonly estimated: { readonly whole: number; readonly focused: number };
  readonly tinyTokenizer: { readonly whole: number; readonly focused: number };
  readonly termsKept: number;
}

export async function benchFocusTokens(): Promise<FocusTokensRow[]> {
  const models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
  const tiny = await LlamaGenerator.load(models.model, { contextSize: 512 });
  const rows: FocusTokensRow[] = [];
  try {
    for (const corpus of CORPORA.filter((c) => existsSync(c.dir))) rows.push(await measureCorpus(corpus, tiny));
  } finally {
    await tiny.dispose();
    await disposeLlamaRuntime();
  }
  return rows;
}

async function measureCorpus(corpus: Corpus, tiny: Generator): Promise<FocusTokensRow> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trove-bench-focus-'));
  const recorder = new PromptRecorder();
  const engine = new Engine({ store: Store.open(join(dataDir, 'trove.db')), generator: recorder });
  try {
    await engine.index([corpus.dir]);
    const estimated = { whole: [] as number[], focused: [] as number[] };
    const tinyCounts = { whole: [] as number[], focused: [] as number[] };
    let pairsWhole = 0;
    let pairsKept = 0;
    for (const question of corpus.questions) {
      const before = recorder.prompts.length;
      const result = await engine.ask(question, { mode: 'bm25' });
      const focusedPrompt = recorder.prompts[before];
      if (result.kind !== 'generated' || !focusedPrompt) continue;
      const hits = new Map((await engine.search(question, { mode: 'bm25', k: 8 })).results.map((hit) => [hit.chunkId, hit]));
      const wholeSources: PromptSource[] = result.sources.map((source) => {
        const hit = hits.get(source.chunkId) as SearchHit;
        return { n: source.n, path: hit.path, startLine: hit.startLine, endLine: hit.endLine, page: hit.page, heading: hit.heading, text: hit.text };
      });
      const wholePrompt = groundedMessages(question, wholeSources);
      estimated.whole.push(estimatedPromptTokens(wholePrompt));
      estimated.focused.push(estimatedPromptTokens(focusedPrompt));
      tinyCounts.whole.push(tiny.countPromptTokens(wholePrompt));
      tinyCounts.focused.push(tiny.countPromptTokens(focusedPrompt));
      const terms = queryTerms(question);
      for (const source of result.sources) {
        const hit = hits.get(source.chunkId) as SearchHit;
        const focusedTerms = new Set(analyze(focusPassage(terms, hit).text));
        const wholeTerms = new Set(analyze(hit.text));
        for (const term of terms) {
          if (!wholeTerms.has(term)) continue;
          pairsWhole++;
          if (focusedTerms.has(term)) pairsKept++;
        }
      }
    }
    return {
      corpus: corpus.name,
      questions: corpus.questions.length,
      answered: estimated.whole.length,
      estimated: { whole: median(estimated.whole), focused: median(estimated.focused) },
      tinyTokenizer: { whole: median(tinyCounts.whole), focused: median(tinyCounts.focused) },
      termsKept: pairsWhole === 0 ? 1 : pairsKept / pairsWhole,
    };
  } finally {
    await engine.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function focusTokensMarkdown(rows: readonly FocusTokensRow[]): string {
  const lines = [
    '| corpus | questions answered | median prompt tokens, whole chunks → focused (estimator) | same, tiny model tokenizer | question terms kept |',
    '|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const ratio = (a: number, b: number) => `${a.toFixed(0)} → ${b.toFixed(0)} (${(b / a).toFixed(2)}×)`;
    lines.push(
      `| ${row.corpus} | ${row.answered} of ${row.questions} | ${ratio(row.estimated.whole, row.estimated.focused)} | ${ratio(row.tinyTokenizer.whole, row.tinyTokenizer.focused)} | ${(row.termsKept * 100).toFixed(0)}% |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(focusTokensMarkdown(await benchFocusTokens()));
  process.exit(0);
}
