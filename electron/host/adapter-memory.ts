/**
 * The app remembers the LoRA adapters attached to its chat model (paths and scales) in the index meta table,
 * as it remembers the chat model, and attaches them again when the host starts. The CLI's `--adapter` stays
 * per question: it neither reads nor writes this key. An adapter whose file vanished is dropped with a notice.
 */
import { existsSync } from 'node:fs';
import type { AdapterInUse, Generator } from '../core/answer/ports.ts';
import { storedList, type MetaTable } from '../core/store/sqlite/meta-table.ts';
import { SETTING_KEYS } from '../core/settings-keys.ts';

export const APP_ADAPTERS_KEY = SETTING_KEYS.appAdapters;

/** The generator's adapter switch (LlamaGenerator has it; the answer pipeline's port does not need it). */
export interface AdapterSwitch {
  setAdapters(adapters: readonly AdapterInUse[]): Promise<void>;
}

export function adapterSwitch(generator: Generator | undefined): (Generator & AdapterSwitch) | undefined {
  return generator && 'setAdapters' in generator && typeof generator.setAdapters === 'function' ? (generator as Generator & AdapterSwitch) : undefined;
}

type Meta = Pick<MetaTable, 'get' | 'set' | 'delete'>;

/** The remembered adapters; anything unreadable in the stored value is ignored. */
export function rememberedAdapters(meta: Meta): AdapterInUse[] {
  return storedList(meta, APP_ADAPTERS_KEY).flatMap((entry: unknown): AdapterInUse[] => {
    const { path, scale } = (entry ?? {}) as { path?: unknown; scale?: unknown };
    return typeof path === 'string' && path !== '' && typeof scale === 'number' && Number.isFinite(scale) ? [{ path, scale }] : [];
  });
}

export function rememberAdapters(meta: Meta, adapters: readonly AdapterInUse[]): void {
  if (adapters.length === 0) meta.delete(APP_ADAPTERS_KEY);
  else meta.set(APP_ADAPTERS_KEY, JSON.stringify(adapters.map(({ path, scale }) => ({ path, scale }))));
}

/**
 * Attaches the remembered adapters to the loaded chat model. Missing files are dropped (and forgotten) with a
 * notice; if the rest cannot be attached (another base model, a damaged file) none are, again with a notice.
 * Without a chat model nothing happens and the memory is kept for when the model is back.
 */
export async function restoreAdapters(meta: Meta, generator: Generator | undefined, notices: string[]): Promise<void> {
  const remembered = rememberedAdapters(meta);
  const target = adapterSwitch(generator);
  if (remembered.length === 0 || !target) return;
  const present = remembered.filter((adapter) => {
    if (existsSync(adapter.path)) return true;
    notices.push(`The LoRA adapter ${adapter.path} is missing: it was detached.`);
    return false;
  });
  let attached: readonly AdapterInUse[] = [];
  if (present.length > 0) {
    try {
      await target.setAdapters(present);
      attached = present;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      notices.push(`The remembered LoRA adapters could not be attached again (${message}): they were detached.`);
    }
  }
  if (attached.length !== remembered.length) rememberAdapters(meta, attached);
}
