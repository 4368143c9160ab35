/**
 * `trove folder …`: per-folder control — pause and resume indexing, drop queued work, and change what is
 * indexed (extra exclusions in gitignore syntax, the file size limit). Settings are kept in the index, so
 * `trove watch` and the desktop app honour them too.
 */
import { resolve } from 'node:path';
import type { Engine } from '../../core/engine.ts';
import { TroveError } from '../../core/errors.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

export async function runFolderPause(folder: string, paused: boolean, options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine) => {
    const settings = engine.updateFolderSettings(folder, { paused });
    if (options.json) printJson({ folder: resolve(folder), settings });
    else process.stdout.write(`${resolve(folder)}: indexing ${paused ? 'paused (queued work is kept)' : 'resumed'}\n`);
  });
}

export async function runFolderCancel(folder: string, options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine) => {
    const dropped = engine.cancel(folder);
    if (options.json) printJson({ folder: resolve(folder), dropped });
    else process.stdout.write(`${resolve(folder)}: dropped ${dropped} queued ${dropped === 1 ? 'job' : 'jobs'}; what is indexed stays\n`);
  });
}

interface FolderSetOptions extends GlobalOptions {
  readonly exclude?: string[];
  readonly clearExcludes?: boolean;
  readonly maxFileMb?: number;
  /** --redact / --no-redact: remove secrets before indexing this folder's files. */
  readonly redact?: boolean;
  /** --ocr / --no-ocr: read scanned PDF pages and images with OCR. */
  readonly ocr?: boolean;
}

export async function runFolderSet(folder: string, options: FolderSetOptions): Promise<void> {
  if (options.exclude === undefined && !options.clearExcludes && options.maxFileMb === undefined && options.redact === undefined && options.ocr === undefined) {
    throw new TroveError('INVALID_ARGUMENT', 'Nothing to change: give --exclude <pattern...>, --clear-excludes, --max-file-mb <n>, --redact/--no-redact or --ocr/--no-ocr');
  }
  await withEngine(options, async (engine) => {
    const exclude = options.clearExcludes ? [] : options.exclude;
    engine.updateFolderSettings(folder, {
      ...(exclude !== undefined ? { exclude } : {}),
      ...(options.maxFileMb !== undefined ? { maxFileBytes: Math.round(options.maxFileMb * 1024 * 1024) } : {}),
      ...(options.redact !== undefined ? { redact: options.redact } : {}),
      ...(options.ocr !== undefined ? { ocr: options.ocr } : {}),
    });
    printSettings(engine, folder, options.json ?? false);
    if (!options.json) process.stdout.write('The next `trove index` (or a running `trove watch`) applies the change.\n');
  });
}

export async function runFolderShow(folder: string, options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine) => printSettings(engine, folder, options.json ?? false));
}

function printSettings(engine: Engine, folder: string, json: boolean): void {
  const status = engine.status();
  const entry = status.folders.find((f) => f.path === resolve(folder));
  if (!entry) throw new TroveError('INVALID_ARGUMENT', `${resolve(folder)} is not an indexed folder`);
  if (json) {
    printJson({ folder: entry.path, settings: entry.settings, defaultExcludes: status.defaultExcludes });
    return;
  }
  const { settings } = entry;
  process.stdout.write(
    [
      `${entry.path}`,
      `  indexing: ${settings.paused ? 'paused' : 'active'}; ${entry.pending} queued`,
      `  size limit: ${(settings.maxFileBytes / 1024 / 1024).toFixed(1)} MiB`,
      `  redaction of secrets: ${settings.redact ? 'on (trove redactions lists what was removed)' : 'off'}`,
      `  OCR of scanned PDF pages and images: ${settings.ocr === false ? 'off' : 'on'}`,
      `  excluded by this folder's settings: ${settings.exclude && settings.exclude.length > 0 ? settings.exclude.join(', ') : 'nothing'}`,
      `  always excluded: ${status.defaultExcludes.join(', ')}`,
      '  also honoured: .gitignore and .troveignore files in the folder',
      '',
    ].join('\n'),
  );
}
