/**
 * The adapter library over generated adapters (the model zoo's qwen2 and llama LoRAs, plus ones written here with
 * another rank, alpha or width): what each header says, whether it fits the chat model and why not, and files that
 * cannot be used listed as problems instead of failing the list.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/data-dir.ts';
import { ModelError } from '../../../electron/core/errors.ts';
import { addChosenAdapterFile, chosenAdapterFiles, forgetChosenAdapterFile } from '../../../electron/core/models/adapter-files.ts';
import { listAdapters, type AdapterLibrary, type LibraryAdapter } from '../../../electron/core/models/adapter-library.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { adapterFitLabel, adapterFitReason } from '../../../electron/shared/adapter-fit.ts';
import { ensureTestZoo, zooPath, type TestZoo } from '../../../scripts/generate-model-zoo.ts';
import { tinyDecoder, ZOO_VERSION } from '../../../scripts/gguf/zoo/families.ts';
import { buildDecoderLora } from '../../../scripts/gguf/zoo/lora.ts';
import { serializeGguf, writeGgufFile } from '../../../scripts/gguf/writer.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const QWEN_BASE = { arch: 'qwen2', name: 'Qwen2.5 0.5B Instruct', zooVersion: ZOO_VERSION } as const;

let zoo: TestZoo;
const tempDir = useTempDirs();
const stores: Store[] = [];
beforeAll(async () => {
  zoo = await ensureTestZoo();
});
afterEach(() => {
  for (const store of stores.splice(0)) store.dispose();
});

/** A models folder with the zoo's two adapters and one of rank 4, alpha 32 that adapts attn_q only. */
async function modelsFolder(): Promise<string> {
  const dir = join(await tempDir(), 'models');
  await mkdir(dir);
  await copyFile(zooPath(zoo, 'qwen2.5-0.5b-instruct-lora'), join(dir, 'qwen-r8.gguf'));
  await copyFile(zooPath(zoo, 'llama-3.2-1b-instruct-lora'), join(dir, 'llama-r8.gguf'));
  await writeGgufFile(join(dir, 'qwen-r4.gguf'), buildDecoderLora({ ...QWEN_BASE, shape: tinyDecoder() }, { rank: 4, alpha: 32, targets: ['attn_q'] }));
  return dir;
}

const byName = (library: AdapterLibrary, fileName: string): LibraryAdapter => {
  const found = library.adapters.find((a) => a.fileName === fileName);
  if (found === undefined) throw new Error(`${fileName} is not listed: ${library.adapters.map((a) => a.fileName).join(', ')}`);
  return found;
};

describe('the adapter library', () => {
  it('reads base architecture, rank, alpha and size from each header, and checks each against the chat model', async () => {
    const dir = await modelsFolder();
    const chat = zooPath(zoo, 'qwen2.5-0.5b-instruct');
    const library = await listAdapters({ locations: [{ path: dir, origin: 'env' }], chosenFiles: [], chatModelPath: chat });

    expect(library.adapters.map((a) => a.fileName).sort()).toEqual(['llama-r8.gguf', 'qwen-r4.gguf', 'qwen-r8.gguf']);
    expect(library.problems).toEqual([]);
    expect(library.chatModel).toBe(chat);

    const qwen8 = byName(library, 'qwen-r8.gguf');
    expect(qwen8).toMatchObject({ origin: 'env', baseArchitecture: 'qwen2', baseModel: 'Qwen2.5 0.5B Instruct', rank: 8, alpha: 16, targets: ['attn_q', 'attn_v', 'ffn_up'] });
    expect(qwen8.fit).toEqual({ fits: true, chatModel: chat, chatArchitecture: 'qwen2', problem: undefined });
    expect(adapterFitLabel(qwen8.fit, qwen8.baseArchitecture)).toBe('fits qwen2.5-0.5b-instruct.tiny.F16.gguf');
    expect(adapterFitReason(qwen8.fit)).toBeNull();

    const qwen4 = byName(library, 'qwen-r4.gguf');
    expect(qwen4).toMatchObject({ baseArchitecture: 'qwen2', rank: 4, alpha: 32, targets: ['attn_q'] });
    expect(qwen4.fit.fits).toBe(true);
    // 2 layers × attn_q: A is 64×4 and B 4×64, F32, after the header.
    expect(qwen4.sizeBytes).toBeGreaterThan(2 * (64 * 4 + 4 * 64) * 4);
    expect(qwen4.sizeBytes).toBeLessThan(qwen8.sizeBytes);

    const llama = byName(library, 'llama-r8.gguf');
    expect(llama).toMatchObject({ baseArchitecture: 'llama', rank: 8, alpha: 16 });
    expect(llama.fit).toEqual({ fits: false, chatModel: chat, chatArchitecture: 'qwen2', problem: 'it was made for llama models, the model is qwen2' });
    expect(adapterFitLabel(llama.fit, llama.baseArchitecture)).toBe('for llama, not qwen2');
    expect(adapterFitReason(llama.fit)).toBe('Does not fit qwen2.5-0.5b-instruct.tiny.F16.gguf: it was made for llama models, the model is qwen2.');
  });

  it('fits the llama adapter to the llama model, and says so when no chat model is chosen', async () => {
    const dir = await modelsFolder();
    const llamaChat = await listAdapters({ locations: [{ path: dir, origin: 'env' }], chosenFiles: [], chatModelPath: zooPath(zoo, 'llama-3.2-1b-instruct') });
    expect(byName(llamaChat, 'llama-r8.gguf').fit.fits).toBe(true);
    expect(adapterFitLabel(byName(llamaChat, 'qwen-r8.gguf').fit, 'qwen2')).toBe('for qwen2, not llama');

    const none = await listAdapters({ locations: [{ path: dir, origin: 'env' }], chosenFiles: [], chatModelPath: undefined });
    const fit = byName(none, 'qwen-r8.gguf').fit;
    expect(fit).toEqual({ fits: false, chatModel: undefined, chatArchitecture: undefined, problem: 'no chat model is chosen' });
    expect(adapterFitLabel(fit, 'qwen2')).toBe('no chat model');
    expect(adapterFitReason(fit)).toBe('Choose a chat model before attaching LoRA adapters.');
  });

  it('names the tensor that disagrees when an adapter of the same family was made for another width', async () => {
    const dir = await tempDir();
    const wide = join(dir, 'qwen-wide.gguf');
    await writeGgufFile(wide, buildDecoderLora({ ...QWEN_BASE, shape: { ...tinyDecoder(), nEmbd: 96 } }, { targets: ['attn_q'] }));
    const library = await listAdapters({ locations: [], chosenFiles: [wide], chatModelPath: zooPath(zoo, 'qwen2.5-0.5b-instruct') });
    const adapter = byName(library, 'qwen-wide.gguf');
    expect(adapter.origin).toBe('added');
    expect(adapter.fit).toMatchObject({ fits: false, chatArchitecture: 'qwen2', problem: 'blk.0.attn_q.weight is [64, 64] in the model but the adapter expects [96, 64]' });
    expect(adapterFitLabel(adapter.fit, adapter.baseArchitecture)).toBe('does not fit qwen2.5-0.5b-instruct.tiny.F16.gguf');
  });

  it('lists a truncated adapter (once, though also added by hand), a missing added file and an added chat model as problems, and the good ones still', async () => {
    const dir = await modelsFolder();
    const whole = serializeGguf(buildDecoderLora({ ...QWEN_BASE, shape: tinyDecoder() }));
    const half = Math.floor(whole.length / 2);
    await writeFile(join(dir, 'cut.gguf'), whole.subarray(0, half));
    const missing = join(dir, '..', 'gone.gguf');
    const chat = zooPath(zoo, 'qwen2.5-0.5b-instruct');
    const library = await listAdapters({ locations: [{ path: dir, origin: 'env' }], chosenFiles: [missing, chat, join(dir, 'cut.gguf')], chatModelPath: chat });

    expect(library.adapters.map((a) => a.fileName).sort()).toEqual(['llama-r8.gguf', 'qwen-r4.gguf', 'qwen-r8.gguf']);
    expect(library.problems).toEqual([
      { path: join(dir, 'cut.gguf'), code: 'MODEL_INVALID', message: `GGUF file cut.gguf is truncated (${half} bytes, expected at least ${whole.length}); download it again.`, chosen: true },
      { path: missing, code: 'MODEL_NOT_FOUND', message: `GGUF file ${missing} was not found.`, chosen: true },
      { path: chat, code: 'MODEL_INVALID', message: 'qwen2.5-0.5b-instruct.tiny.F16.gguf is a chat model, not a LoRA adapter.', chosen: true },
    ]);
  });

  it('says why when the chat model itself cannot be read', async () => {
    const dir = await modelsFolder();
    const library = await listAdapters({ locations: [{ path: dir, origin: 'env' }], chosenFiles: [], chatModelPath: join(dir, 'no-such-model.gguf') });
    const fit = byName(library, 'qwen-r8.gguf').fit;
    expect(fit.fits).toBe(false);
    expect(fit.problem).toMatch(/^the chat model no-such-model\.gguf cannot be read \(/);
  });
});

describe('adapter files added by hand', () => {
  it('are remembered in the index, once each, and refused when they are not adapters', async () => {
    const dir = await tempDir();
    const store = Store.open(join(dir, DATABASE_FILE));
    stores.push(store);
    const adapter = zooPath(zoo, 'llama-3.2-1b-instruct-lora');

    const chat = zooPath(zoo, 'qwen2.5-0.5b-instruct');
    const refused = await addChosenAdapterFile(store.meta, chat).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ModelError);
    expect(refused).toMatchObject({
      code: 'MODEL_INVALID',
      modelPath: chat,
      message: 'qwen2.5-0.5b-instruct.tiny.F16.gguf is a chat model, not a LoRA adapter (general.type is not "adapter").',
    });
    await expect(addChosenAdapterFile(store.meta, join(dir, 'nothing.gguf'))).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    expect(chosenAdapterFiles(store.meta)).toEqual([]);

    expect(await addChosenAdapterFile(store.meta, adapter)).toBe(adapter);
    await addChosenAdapterFile(store.meta, adapter);
    expect(chosenAdapterFiles(store.meta)).toEqual([adapter]);

    // Survives closing and reopening the index.
    store.dispose();
    stores.pop();
    const reopened = Store.open(join(dir, DATABASE_FILE));
    stores.push(reopened);
    expect(chosenAdapterFiles(reopened.meta)).toEqual([adapter]);
    expect(forgetChosenAdapterFile(reopened.meta, adapter)).toBe(true);
    expect(forgetChosenAdapterFile(reopened.meta, adapter)).toBe(false);
    expect(chosenAdapterFiles(reopened.meta)).toEqual([]);
  });
});
