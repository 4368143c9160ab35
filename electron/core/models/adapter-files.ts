/**
 * The LoRA adapter files a person added to the adapter library by hand (files outside the models folders),
 * remembered in the index meta table like the chat model, so `trove models adapters` and the app's Models view
 * list the same ones. Only absolute paths are kept; a file that later goes missing stays listed, with its
 * problem, until it is removed from the list.
 */
import { basename, resolve } from 'node:path';
import { inspectGguf, type GgufInspection } from '../../../native/llama-light.ts';
import { ModelError } from '../errors.ts';
import { storedList, type MetaTable } from '../store/sqlite/meta-table.ts';
import { SETTING_KEYS } from '../settings-keys.ts';

export const ADAPTER_FILES_KEY = SETTING_KEYS.adapterFiles;

type Meta = Pick<MetaTable, 'get' | 'set' | 'delete'>;

/** The remembered files, in the order they were added; anything unreadable in the stored value is ignored. */
export function chosenAdapterFiles(meta: Pick<Meta, 'get'>): string[] {
  return storedList(meta, ADAPTER_FILES_KEY).filter((p): p is string => typeof p === 'string' && p !== '');
}

/**
 * Adds a file to the list once it proved to be a readable LoRA adapter, so a wrong pick is refused at once
 * (ModelError MODEL_NOT_FOUND / MODEL_INVALID) and nothing is remembered. Returns the absolute path.
 */
export async function addChosenAdapterFile(meta: Meta, path: string, inspect: (path: string) => Promise<GgufInspection> = inspectGguf): Promise<string> {
  const absolute = resolve(path);
  const info = await inspect(absolute);
  if (info.role !== 'adapter') {
    throw new ModelError('MODEL_INVALID', absolute, `${basename(absolute)} is a ${info.role} model, not a LoRA adapter (general.type is not "adapter").`);
  }
  const files = chosenAdapterFiles(meta);
  if (!files.includes(absolute)) meta.set(ADAPTER_FILES_KEY, JSON.stringify([...files, absolute]));
  return absolute;
}

/** Removes a file from the list (the file itself is left alone); false when it was not listed. */
export function forgetChosenAdapterFile(meta: Meta, path: string): boolean {
  const absolute = resolve(path);
  const files = chosenAdapterFiles(meta);
  const kept = files.filter((p) => p !== absolute);
  if (kept.length === files.length) return false;
  if (kept.length === 0) meta.delete(ADAPTER_FILES_KEY);
  else meta.set(ADAPTER_FILES_KEY, JSON.stringify(kept));
  return true;
}
