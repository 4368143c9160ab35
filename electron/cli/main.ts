/**
 * `trove` — the command line over the engine. Every command opens the same engine the app uses, on the same
 * data directory, prints for people by default and JSON with --json, and turns failures into one line on
 * stderr with what to do, and a non-zero exit.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// The runtime's options only, not the llama-light door: its GGUF inspection is for commands that read models.
import { parseBackendChoice } from '../../native/llama/backend-choice.ts';
import { configureLlamaRuntime } from '../../native/llama/runtime-defaults.ts';
import type { GpuLayers } from '../../native/llama/runtime.ts';
import { SEARCH_MODES } from '../core/search/search-modes.ts';
import { stopQuietlyOnClosedPipe } from './closed-pipe.ts';
import { exitWithError } from './fail.ts';
import { DEFAULT_API_PORT } from '../api/defaults.ts';
import { parseAdapter, parseNumber } from './option-parsers.ts';
import { troveVersion } from './version.ts';
import { invokedCommand } from './invoked-command.ts';

// Each command's module (and the engine, parsers and models behind it) is imported when that command runs, so
// `trove --version` or `trove search` never loads what other commands need (see docs/architecture.md, "Builds").
const commands = {
  audit: () => import('./commands/audit.ts'),
  ask: () => import('./commands/ask.ts'),
  chat: () => import('./commands/chat.ts'),
  eval: () => import('./commands/eval.ts'),
  feedback: () => import('./commands/feedback.ts'),
  folder: () => import('./commands/folder.ts'),
  forget: () => import('./commands/forget.ts'),
  index: () => import('./commands/index.ts'),
  models: () => import('./commands/models.ts'),
  modelsAdapters: () => import('./commands/models-adapters.ts'),
  rebuild: () => import('./commands/rebuild.ts'),
  redactions: () => import('./commands/redactions.ts'),
  search: () => import('./commands/search.ts'),
  status: () => import('./commands/status.ts'),
  watch: () => import('./commands/watch.ts'),
  mcp: () => import('./commands/mcp.ts'),
  serve: () => import('./commands/serve.ts'),
};

const program = new Command()
  .name('trove')
  .description('Index your folders and search them, on your own machine.')
  .version(troveVersion(), '-V, --version', 'print the version')
  .option('--data-dir <dir>', 'where the index lives (default: TROVE_DATA_DIR or the per-user data directory)')
  .option('--store <url>', 'a shared index in PostgreSQL, postgres://user@host/db (default: TROVE_STORE); index, search, ask, status, watch, mcp and serve')
  .option('--json', 'print machine-readable JSON on stdout')
  .option('--backend <name>', 'compute backend: auto, cuda, vulkan, metal or cpu (default: TROVE_BACKEND or auto)')
  .showHelpAfterError()
  .exitOverride()
  // The llama runtime is created deep in the engine; tell it up front which backend the user chose.
  .option('--gpu-layers <n>', "model layers to offload to the GPU: a number, 'auto' or 'max' (default: TROVE_GPU_LAYERS or auto)", parseGpuLayers)
  .hook('preAction', (command) => {
    const options = command.opts() as { backend?: string; gpuLayers?: GpuLayers };
    const choice = options.backend ?? process.env.TROVE_BACKEND;
    const gpuLayers = options.gpuLayers ?? (process.env.TROVE_GPU_LAYERS ? parseGpuLayers(process.env.TROVE_GPU_LAYERS) : undefined);
    configureLlamaRuntime({ ...(choice ? { backend: parseBackendChoice(choice) } : {}), ...(gpuLayers !== undefined ? { gpuLayers } : {}) });
  });

/** The options of `ask` and `chat`: models, retrieval and the conversation to continue. */
function answerOptions(command: Command): Command {
  return command
    .option('--model <file>', 'GGUF chat model (remembered for later questions)')
    .option('--adapter <file[:scale]>', 'LoRA adapter on the chat model, with an optional scale (repeatable)', parseAdapter)
    .option('--reranker <file>', 'GGUF reranker that re-scores the retrieved passages (remembered)')
    .option('--temperature <t>', '0 = the same answer every time', parseNumber)
    .option('--seed <n>', 'sampling seed (with temperature > 0)', parseNumber)
    .option('--k <n>', 'passages to retrieve', parsePositiveInt)
    .addOption(new Option('--mode <mode>', 'retrieval ranking').choices(SEARCH_MODES).default('hybrid'))
    .option('--no-retrieval', 'ask the model alone, without searching the documents')
    .option('--max-tokens <n>', 'longest answer, in tokens', parsePositiveInt)
    .option('--folder <path...>', 'only these indexed folders')
    .option('--conversation <id>', 'continue this conversation (follow-ups are searched with its earlier questions)')
    .option('--threads <n>', 'CPU threads for the models', parsePositiveInt);
}

/** Each command's definition: only the command being run is defined (see invoked-command.ts). */
const definitions: Record<string, () => void> = {
  index: () => {
    program
      .command('index')
      .description('register folders and index them (re-indexes every registered folder when none is given)')
      .argument('[folders...]', 'folders to index')
      .option('--embed-model <file>', 'GGUF embedding model to use (remembered for later runs)')
      .option('--redact', 'remove secrets (keys, tokens, passwords, card numbers) before indexing; remembered per folder')
      .option('--ocr', 'read scanned PDF pages and images with OCR (the default); remembered per folder')
      .option('--no-ocr', 'leave scanned PDF pages and images unread; remembered per folder')
      .option('--threads <n>', 'CPU threads for the model', parsePositiveInt)
      .action(async (folders: string[], _options, command: Command) => (await commands.index()).runIndex(folders, command.optsWithGlobals()));
  },
  search: () => {
    program
      .command('search')
      .description('search the indexed folders')
      .argument('<query>', 'what to look for, in plain words')
      .option('--k <n>', 'number of results', parsePositiveInt, 10)
      .addOption(new Option('--mode <mode>', 'ranking').choices(SEARCH_MODES).default('hybrid'))
      .option('--folder <path...>', 'only these indexed folders')
      .option('--type <ext...>', 'only these file types (extensions like md pdf, or formats like markdown)')
      .option('--threads <n>', 'CPU threads for the model', parsePositiveInt)
      .action(async (query: string, _options, command: Command) => (await commands.search()).runSearch(query, command.optsWithGlobals()));
  },
  ask: () => {
    answerOptions(
      program
        .command('ask')
        .description('answer a question from the indexed folders, citing file and lines')
        .argument('<question>', 'the question, in plain words'),
    )
      .option(
        '--compare <config>',
        'answer with two configurations over the same sources (give it twice): current | none | adapter=FILE[@SCALE][,adapter=…] | model=FILE[,adapter=…]',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .action(async (question: string, _options, command: Command) => (await commands.ask()).runAsk(question, command.optsWithGlobals()));
  },
  chat: () => {
    answerOptions(
      program.command('chat').description('a conversation: ask, then follow up (answers streamed; Ctrl-C stops one; /new, /sources, /quit)'),
    ).action(async (_options, command: Command) => (await commands.chat()).runChat(command.optsWithGlobals()));
  },
  status: () => {
    program
      .command('status')
      .description('folders, counts, errors and the embedding model')
      .action(async (_options, command: Command) => (await commands.status()).runStatus(command.optsWithGlobals()));
  },
  watch: () => {
    program
      .command('watch')
      .description('keep every registered folder indexed as files change, until interrupted (Ctrl-C)')
      .option('--threads <n>', 'CPU threads for the model', parsePositiveInt)
      .action(async (_options, command: Command) => (await commands.watch()).runWatch(command.optsWithGlobals()));
  },
  forget: () => {
    program
      .command('forget')
      .description('remove a folder and everything indexed from it')
      .argument('<folder>', 'a registered folder')
      .action(async (folder: string, _options, command: Command) => (await commands.forget()).runForget(folder, command.optsWithGlobals()));
  },
  eval: () => {
    program
      .command('eval')
      .description('measure retrieval on a BEIR folder or a Trove .jsonl dataset, per mode and configuration')
      .argument('<dataset>', 'a BEIR folder (corpus.jsonl, queries.jsonl, qrels/) or a .jsonl of {question, expected, answer, answerable}')
      .option('--mode <modes...>', 'modes to run (bm25, vector, hybrid, hybrid+rerank; comma-separated or repeated)', ['bm25', 'vector', 'hybrid'])
      .option('--split <name>', 'BEIR qrels split', 'test')
      .option('--variant <spec...>', 'configurations to compare, e.g. small:chunk=200 large:chunk=800, emb:embed=model.gguf or exact:bm25budget=1000000')
      .option('--embed-model <file>', 'embedding model for vector and hybrid modes')
      .option('--model <file>', 'chat model: also measure answers (citations, declining, overlap, latency)')
      .option('--adapter <file[:scale]>', 'LoRA adapter on the chat model (repeatable)', parseAdapter)
      .option('--reranker <file>', 'reranker for the hybrid+rerank mode')
      .option('--max-tokens <n>', 'longest answer, in tokens', parsePositiveInt)
      .option('--repeat <n>', 'runs per configuration, to measure run-to-run noise', parsePositiveInt, 1)
      .option('--limit <n>', 'only the first n questions', parsePositiveInt)
      .option('--report <file.html>', 'also write an HTML report with charts')
      .option('--threads <n>', 'CPU threads for the model', parsePositiveInt)
      .action(async (dataset: string, _options, command: Command) => (await commands.eval()).runEvalCommand(dataset, command.optsWithGlobals()));
  },
  rebuild: () => {
    program
      .command('rebuild')
      .description('re-create a damaged index from your folders (the damaged file is kept as trove.db.damaged-<time>)')
      .option('--yes', 'do not ask for confirmation')
      .option('--threads <n>', 'CPU threads for the model', parsePositiveInt)
      .action(async (_options, command: Command) => (await commands.rebuild()).runRebuild(command.optsWithGlobals()));
  },
  redactions: () => {
    program
      .command('redactions')
      .description('what redaction removed from indexed files: kind, file and line (never the secret)')
      .option('--folder <path>', 'only this indexed folder')
      .action(async (_options, command: Command) => (await commands.redactions()).runRedactions(command.optsWithGlobals()));
  },
  audit: () => {
    program
      .command('audit')
      .description('export the local log of answers (question, model, passages given, citations), or turn it on or off')
      .argument('[state]', 'on or off (default: print the log)')
      .option('--since <when>', 'only answers since an ISO date (2026-01-31) or a duration back from now (7d, 12h)')
      .action(async (state: string | undefined, _options, command: Command) => (await commands.audit()).runAudit(state, command.optsWithGlobals()));
  },
  feedback: () => {
    program
      .command('feedback')
      .description('mark an answer good or bad (its answerId is in `trove ask --json`), or `export` the approved answers as fine-tuning data')
      .argument('<answerId|export>', 'the answer to mark, or export')
      .argument('[verdict]', 'good or bad')
      .option('--answer-file <file>', 'a corrected answer (cite sources by their [n]); a corrected answer is exported whatever the verdict')
      .addOption(new Option('--format <format>', 'export format').choices(['chat-jsonl', 'alpaca']).default('chat-jsonl'))
      .option('--split <share>', 'share of questions held out beside the training file, for `trove eval` (default 0.1)', parseNumber)
      .option('--since <when>', 'only feedback since an ISO date (2026-01-31) or a duration back from now (7d, 12h)')
      .option('--out <file>', 'the training file (default trove-training.jsonl); held-out files are written beside it')
      .action(async (target: string, verdict: string | undefined, _options, command: Command) =>
        (await commands.feedback()).runFeedback(target, verdict, command.optsWithGlobals()),
      );
  },
  mcp: () => {
    program
      .command('mcp')
      .description('serve the indexed folders to an MCP client over stdio (tools search, ask, read, status)')
      .option('--threads <n>', 'CPU threads for the models', parsePositiveInt)
      .action(async (_options, command: Command) => (await commands.mcp()).runMcp(command.optsWithGlobals()));
  },
  serve: () => {
    program
      .command('serve')
      .description('serve MCP (/mcp) and an OpenAI-compatible API (/v1) on this computer only, with a bearer token')
      .option('--port <n>', `port to listen on (default ${DEFAULT_API_PORT}; 0: any free port)`, parsePort)
      .option('--host <address>', 'loopback address to listen on: 127.0.0.1 (default) or ::1')
      .option('--show-token', 'print the API token (creating it if needed) and exit')
      .option('--threads <n>', 'CPU threads for the models', parsePositiveInt)
      .action(async (_options, command: Command) => (await commands.serve()).runServe(command.optsWithGlobals()));
  },
  models: () => {
    const models = program.command('models').description('models on this machine, recommended models, downloads and the compute backend');
    models
      .command('list')
      .description('installed models (with role, size, quantization) and the recommended ones')
      .option('--model-dir <path...>', 'also look in these folders or files')
      .option('--manifest <file>', 'another model manifest (default: TROVE_MODEL_MANIFEST or models/manifest.json)')
      .action(async (_options, command: Command) => (await commands.models()).runModelsList(command.optsWithGlobals()));
    models
      .command('inspect')
      .description("describe a GGUF file from its header, without loading it")
      .argument('<file>', 'a .gguf file')
      .action(async (file: string, _options, command: Command) => (await commands.models()).runModelsInspect(file, command.optsWithGlobals()));
    models
      .command('adapters')
      .description('LoRA adapters in the models folders and added by hand: base architecture, rank, alpha, size, and whether each fits the chat model')
      .option('--model <file>', 'check the fit against this chat model (default: the remembered one)')
      .option('--add <file>', 'remember this adapter file in the library (it must be a readable LoRA adapter)')
      .option('--remove <file>', 'forget an adapter file added with --add (the file stays)')
      .option('--model-dir <path...>', 'also look in these folders or files')
      .action(async (_options, command: Command) => (await commands.modelsAdapters()).runModelsAdapters(command.optsWithGlobals()));
    models
      .command('pull')
      .description("download a recommended model (Ctrl-C cancels, the next pull resumes), verify its SHA-256 (pinned in the manifest, else the hub's), and use it for its role")
      .argument('<name>', 'a name from trove models list')
      .option('--sha256 <hex>', "the file's SHA-256, checked instead of the manifest's or the hub's")
      .option('--no-use', 'only download: do not make it the chat, embedding or reranker model')
      .option('--dir <dir>', 'save into this folder (default: TROVE_MODELS_DIR or <data dir>/models)')
      .option('--manifest <file>', 'another model manifest (default: TROVE_MODEL_MANIFEST or models/manifest.json)')
      .action(async (name: string, _options, command: Command) => (await commands.models()).runModelsPull(name, command.optsWithGlobals()));
    models
      .command('backend')
      .description('start the llama runtime and report the active backend and why others were skipped')
      .option('--threads <n>', 'CPU threads', parsePositiveInt)
      .action(async (_options, command: Command) => (await commands.models()).runModelsBackend(command.optsWithGlobals()));
  },
  folder: () => {
    const folder = program.command('folder').description('per-folder control: pause, resume, cancel queued work, exclusions and size limit');
    folder
      .command('show')
      .description('what is indexed in a folder and what is left out')
      .argument('<folder>', 'a registered folder')
      .action(async (path: string, _options, command: Command) => (await commands.folder()).runFolderShow(path, command.optsWithGlobals()));
    folder
      .command('pause')
      .description('stop indexing a folder (its queued work is kept)')
      .argument('<folder>', 'a registered folder')
      .action(async (path: string, _options, command: Command) => (await commands.folder()).runFolderPause(path, true, command.optsWithGlobals()));
    folder
      .command('resume')
      .description('index a paused folder again')
      .argument('<folder>', 'a registered folder')
      .action(async (path: string, _options, command: Command) => (await commands.folder()).runFolderPause(path, false, command.optsWithGlobals()));
    folder
      .command('cancel')
      .description("drop a folder's queued work (what is indexed stays)")
      .argument('<folder>', 'a registered folder')
      .action(async (path: string, _options, command: Command) => (await commands.folder()).runFolderCancel(path, command.optsWithGlobals()));
    folder
      .command('set')
      .description('change exclusions (gitignore syntax) or the size limit of a folder')
      .argument('<folder>', 'a registered folder')
      .option('--exclude <patterns...>', 'extra patterns to leave out, e.g. "*.log" drafts/ (replaces the previous list)')
      .option('--clear-excludes', "remove the folder's extra patterns")
      .option('--max-file-mb <n>', 'skip files larger than this many MiB', parsePositiveNumber)
      .option('--redact', 'remove secrets (keys, tokens, passwords, card numbers) before indexing; re-indexes the folder')
      .option('--no-redact', 'index files as they are (the default)')
      .option('--ocr', 'read scanned PDF pages and images with OCR (the default); re-reads them')
      .option('--no-ocr', 'leave scanned PDF pages and images unread; re-reads them')
      .action(async (path: string, _options, command: Command) => (await commands.folder()).runFolderSet(path, command.optsWithGlobals()));
  },
};

const invoked = invokedCommand(process.argv.slice(2), Object.keys(definitions));
for (const [name, define] of Object.entries(definitions)) if (invoked === undefined || invoked === name) define();

function parseGpuLayers(value: string): GpuLayers {
  if (value === 'auto' || value === 'max') return value;
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < 0) throw new InvalidArgumentError(`${value} is not a layer count, 'auto' or 'max'.`);
  return number;
}

function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError(`${value} is not a positive number.`);
  return number;
}

function parsePort(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) throw new InvalidArgumentError(`${value} is not a port (0 to 65535).`);
  return number;
}

function parsePositiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`${value} is not a positive whole number.`);
  return number;
}

async function run(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      exitWithError(error);
    }
  }
}

stopQuietlyOnClosedPipe(process.stdout);
// Not a top-level await: the CLI's bundle is CommonJS, so that V8 can start it from a code cache (scripts/build/cli-bundle.ts).
void run();
