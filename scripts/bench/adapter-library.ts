/**
 * The adapter library's cost: listing the adapters of a models folder with each one's fit against the chat
 * model (`listAdapters`), next to what `trove models list` already pays for the same folder (`scanModels`, the
 * baseline), alternating within each round in one process. Both read GGUF headers only; the library also reads
 * the tensor shapes of the chat model and of each adapter. The folder is the tiny model zoo (11 files, 2 of them
 * adapters); pass a real-size chat model as the first argument to check against it instead.
 *
 *   npx tsx scripts/bench/adapter-library.ts [chat-model.gguf]
 */
import { resolve } from 'node:path';
import { listAdapters, type AdapterLibraryPorts } from '../../electron/core/models/adapter-library.ts';
import { cachedWhileUnchanged } from '../../electron/core/models/header-cache.ts';
import { scanModels, type ModelLocation } from '../../electron/core/models/registry.ts';
import { inspectGguf, readGgufShapes } from '../../native/llama-light.ts';
import { ensureTestZoo, modelZooDir, zooPath } from '../generate-model-zoo.ts';
import { describeMachine } from './machine.ts';
import { median, timeMs } from './stats.ts';

const ROUNDS = 15;

const zoo = await ensureTestZoo();
const chatModelPath = resolve(process.argv[2] ?? zooPath(zoo, 'qwen2.5-0.5b-instruct'));
const locations: ModelLocation[] = [{ path: modelZooDir(), origin: 'env' }];
const scan: number[] = [];
const library: number[] = [];
const again: number[] = [];
// What the app's host does: header reads kept while a file is unchanged (every opening of the view after the first).
const cachedReaders: AdapterLibraryPorts = { inspect: cachedWhileUnchanged(inspectGguf), readShapes: cachedWhileUnchanged(readGgufShapes) };
// One untimed round of each, so module loading (node-llama-cpp's parser) is not in the first sample.
await scanModels(locations);
const listed = await listAdapters({ locations, chosenFiles: [], chatModelPath });
await listAdapters({ locations, chosenFiles: [], chatModelPath }, cachedReaders);
for (let round = 0; round < ROUNDS; round++) {
  scan.push(await timeMs(() => scanModels(locations)));
  library.push(await timeMs(() => listAdapters({ locations, chosenFiles: [], chatModelPath })));
  again.push(await timeMs(() => listAdapters({ locations, chosenFiles: [], chatModelPath }, cachedReaders)));
}
console.log(describeMachine());
console.log(`folder: ${modelZooDir()} (${(await scanModels(locations)).models.length} files); chat model: ${chatModelPath}`);
console.log(`adapters: ${listed.adapters.map((a) => `${a.fileName} fits=${a.fit.fits}`).join(', ')}`);
console.log(`| measure | median of ${ROUNDS} |\n|---|---|`);
console.log(`| baseline: scanModels (what trove models list reads) | ${median(scan).toFixed(1)} ms |`);
console.log(`| listAdapters (scan + shapes of the chat model and each adapter, fit) | ${median(library).toFixed(1)} ms |`);
console.log(`| listAdapters, headers of unchanged files cached (the app's host) | ${median(again).toFixed(1)} ms |`);
