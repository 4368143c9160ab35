/**
 * `trove` — the command line over the engine. Every command opens the same engine the app uses, on the same
 * data directory, prints for people by default and JSON with --json, and turns failures into one line on
 * stderr with what to do, and a non-zero exit.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { SEARCH_MODES } from '../core/search/searcher.ts';
import { runForget } from './commands/forget.ts';
import { runIndex } from './commands/index.ts';
import { runSearch } from './commands/search.ts';
import { runStatus } from './commands/status.ts';
import { exitWithError } from './fail.ts';

const program = new Command()
  .name('trove')
  .description('Index your folders and search them, on your own machine.')
  .option('--data-dir <dir>', 'where the index lives (default: TROVE_DATA_DIR or the per-user data directory)')
  .option('--json', 'print machine-readable JSON on stdout')
  .showHelpAfterError()
  .exitOverride();

program
  .command('index')
  .description('register folders and index them (re-indexes every registered folder when none is given)')
  .argument('[folders...]', 'folders to index')
  .option('--embed-model <file>', 'GGUF embedding model to use (remembered for later runs)')
  .option('--threads <n>', 'CPU threads for the model', parsePositiveInt)
  .action((folders: string[], _options, command: Command) => runIndex(folders, command.optsWithGlobals()));

program
  .command('search')
  .description('search the indexed folders')
  .argument('<query>', 'what to look for, in plain words')
  .option('--k <n>', 'number of results', parsePositiveInt, 10)
  .addOption(new Option('--mode <mode>', 'ranking').choices(SEARCH_MODES).default('hybrid'))
  .option('--folder <path...>', 'only these indexed folders')
  .option('--type <ext...>', 'only these file types (extensions like md pdf, or formats like markdown)')
  .option('--threads <n>', 'CPU threads for the model', parsePositiveInt)
  .action((query: string, _options, command: Command) => runSearch(query, command.optsWithGlobals()));

program
  .command('status')
  .description('folders, counts, errors and the embedding model')
  .action((_options, command: Command) => runStatus(command.optsWithGlobals()));

program
  .command('forget')
  .description('remove a folder and everything indexed from it')
  .argument('<folder>', 'a registered folder')
  .action((folder: string, _options, command: Command) => runForget(folder, command.optsWithGlobals()));

function parsePositiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`${value} is not a positive whole number.`);
  return number;
}

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
