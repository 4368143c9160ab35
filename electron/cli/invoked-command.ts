/**
 * Which command a `trove` command line runs, read before commander sees it, so that only that command's options
 * are defined (building every command's options and help took ~5 ms of each start). Anything this reader is not
 * sure of (help, the version, an unknown word or option, no command) gives undefined, and every command is
 * defined as before: commander's help, suggestions and errors stay exactly its own.
 */

/** The global options that take a value (`--data-dir <dir>` or `--data-dir=<dir>`). */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--data-dir', '--store', '--backend', '--gpu-layers']);
const GLOBAL_FLAGS = new Set(['--json']);

export function invokedCommand(args: readonly string[], commandNames: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-')) return commandNames.includes(arg) ? arg : undefined;
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(name)) {
      if (name === arg) i++;
    } else if (!GLOBAL_FLAGS.has(arg)) {
      return undefined;
    }
  }
  return undefined;
}
