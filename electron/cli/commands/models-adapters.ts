/**
 * `trove models adapters [--add F] [--remove F] [--model F]`: the adapter library, as the app's Models view shows
 * it — LoRA adapters in the models folders and the files added by hand (remembered in the index), each with
 * base architecture, rank, alpha, size and whether it fits the chat model (the remembered one, or --model).
 */
import { resolveDataDir } from '../../core/data-dir.ts';
import { addChosenAdapterFile, chosenAdapterFiles, forgetChosenAdapterFile } from '../../core/models/adapter-files.ts';
import { listAdapters, type AdapterLibrary, type LibraryAdapter } from '../../core/models/adapter-library.ts';
import { CHAT_MODEL_KEY } from '../../core/models/llama-generator-open.ts';
import { modelLocations } from '../../core/models/registry.ts';
import { TroveError } from '../../core/errors.ts';
import { adapterFitLabel } from '../../shared/adapter-fit.ts';
import { printJson, withEngine } from './open.ts';
import type { ModelsOptions } from './models.ts';

export interface ModelsAdaptersOptions extends ModelsOptions {
  /** Check the fit against this chat model instead of the remembered one. */
  readonly model?: string;
  readonly add?: string;
  readonly remove?: string;
}

export async function runModelsAdapters(options: ModelsAdaptersOptions): Promise<void> {
  const dataDir = resolveDataDir(options.dataDir);
  const library = await withEngine({ ...options, sharedStore: 'local-only' }, async (engine) => {
    const settings = engine.settings;
    if (options.add !== undefined) await addChosenAdapterFile(settings, options.add);
    if (options.remove !== undefined && !forgetChosenAdapterFile(settings, options.remove)) {
      throw new TroveError('INVALID_ARGUMENT', `${options.remove} is not in the adapter library's list of added files.`, {
        action: 'See the files added by hand with trove models adapters (origin "added").',
      });
    }
    return listAdapters({
      locations: modelLocations({ dataDir, userPaths: options.modelDir ?? [] }),
      chosenFiles: chosenAdapterFiles(settings),
      chatModelPath: options.model ?? settings.get(CHAT_MODEL_KEY),
    });
  });
  if (options.json) printJson(library);
  else process.stdout.write(formatLibrary(library));
}

export function formatLibrary(library: AdapterLibrary): string {
  const against = library.chatModel === undefined ? 'no chat model chosen; --model <file.gguf> checks against one' : `checked against ${library.chatModel}`;
  const lines = [`LoRA adapters (${against}):`];
  if (library.adapters.length === 0) lines.push('  none — put adapter .gguf files in one of the folders below, or add one with --add <file>');
  for (const adapter of library.adapters) lines.push(`  ${formatAdapter(adapter)}`);
  if (library.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const p of library.problems) lines.push(`  ${p.code}: ${p.message}${p.chosen ? ` (remove it with --remove ${p.path})` : ''}`);
  }
  lines.push('', 'Searched:', ...library.searched.map((l) => `  ${l.path} (${l.origin})`));
  return `${lines.join('\n')}\n`;
}

function formatAdapter(a: LibraryAdapter): string {
  const facts = [a.baseArchitecture ?? 'unknown base', `rank ${a.rank ?? '?'}`, `alpha ${a.alpha ?? '?'}`, size(a.sizeBytes), a.origin];
  const fit = adapterFitLabel(a.fit, a.baseArchitecture);
  // "for llama, not qwen2" says it all; other mismatches need the tensor that disagrees.
  const otherFamily = a.baseArchitecture !== undefined && a.fit.chatArchitecture !== undefined && a.baseArchitecture !== a.fit.chatArchitecture;
  const why = !a.fit.fits && a.fit.chatModel !== undefined && a.fit.problem !== undefined && !otherFamily ? ` (${a.fit.problem})` : '';
  return `${a.fileName}  (${facts.join(', ')})  [${fit}]${why}  ${a.path}`;
}

function size(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(1)} kB`;
}
