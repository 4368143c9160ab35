/**
 * The adapter library through the engine host (RPC over an in-memory port pair, JSON-cloned like a real
 * transport): adapters in the models folder checked against the chat model the host loaded, a file added by hand
 * remembered across a restart, a chat model refused as an adapter, and attached adapters listed too.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AdapterLibraryView, ModelsInUse } from '../../../electron/shared/api.ts';
import { useHosts, value } from '../../helpers/host-client.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { useTestZoo } from '../../helpers/test-zoo.ts';

const zooModel = useTestZoo();
const tempDir = useTempDirs();
const hosts = useHosts({ folderCheckMs: 100 });

const connected = async (dataDir: string) => (await hosts.connect(dataDir)).client;

const fitOf = (library: AdapterLibraryView) => Object.fromEntries(library.adapters.map((a) => [a.fileName, [a.origin, a.rank, a.alpha, a.fit.fits, a.fit.problem]]));

describe('the adapter library in the host', () => {
  test('checks the models folder against the loaded chat model, remembers added files, and lists attached ones', async () => {
    const root = await tempDir();
    const dataDir = join(root, 'data');
    // <data dir>/models is where downloads go: one of the folders the library looks in.
    await mkdir(join(dataDir, 'models'), { recursive: true });
    await copyFile(zooModel('qwen2.5-0.5b-instruct-lora'), join(dataDir, 'models', 'qwen-style.gguf'));
    await copyFile(zooModel('llama-3.2-1b-instruct-lora'), join(dataDir, 'models', 'llama-style.gguf'));
    const outside = join(root, 'outside-lora.gguf');
    await copyFile(zooModel('qwen2.5-0.5b-instruct-lora'), outside);

    let client = await connected(dataDir);
    const before = value<AdapterLibraryView>(await client.call('listAdapters', {}));
    expect(before.chatModel).toBeNull();
    expect(before.adapters.every((a) => !a.fit.fits && a.fit.chatModel === null)).toBe(true);

    const chat = zooModel('qwen2.5-0.5b-instruct');
    value<ModelsInUse>(await client.call('setChatModel', { path: chat }));
    const library = value<AdapterLibraryView>(await client.call('listAdapters', {}));
    expect(library.chatModel).toBe(chat);
    expect(fitOf(library)).toEqual({
      'qwen-style.gguf': ['downloads', 8, 16, true, null],
      'llama-style.gguf': ['downloads', 8, 16, false, 'it was made for llama models, the model is qwen2'],
    });

    const refused = await client.call('addAdapterFile', { path: chat });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MODEL_INVALID', message: 'qwen2.5-0.5b-instruct.tiny.F16.gguf is a chat model, not a LoRA adapter (general.type is not "adapter").' } });
    const added = value<AdapterLibraryView>(await client.call('addAdapterFile', { path: outside }));
    expect(fitOf(added)['outside-lora.gguf']).toEqual(['added', 8, 16, true, null]);

    // The library's verdict and attaching agree.
    expect(await client.call('attachAdapter', { path: join(dataDir, 'models', 'llama-style.gguf'), scale: 1 })).toMatchObject({ ok: false, error: { code: 'ADAPTER_MISMATCH' } });
    const attachedElsewhere = join(root, 'attached-only.gguf');
    await copyFile(zooModel('qwen2.5-0.5b-instruct-lora'), attachedElsewhere);
    value<ModelsInUse>(await client.call('attachAdapter', { path: attachedElsewhere, scale: 1 }));
    expect(fitOf(value<AdapterLibraryView>(await client.call('listAdapters', {})))['attached-only.gguf']).toEqual(['added', 8, 16, true, null]);

    await hosts.stop();
    client = await connected(dataDir);
    const restarted = value<AdapterLibraryView>(await client.call('listAdapters', {}));
    expect(restarted.adapters.map((a) => a.fileName).sort()).toEqual(['attached-only.gguf', 'llama-style.gguf', 'outside-lora.gguf', 'qwen-style.gguf']);
    const forgotten = value<AdapterLibraryView>(await client.call('forgetAdapterFile', { path: outside }));
    expect(forgotten.adapters.map((a) => a.fileName).sort()).toEqual(['attached-only.gguf', 'llama-style.gguf', 'qwen-style.gguf']);
  });
});
