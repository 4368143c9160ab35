/**
 * Generates the model zoo (scripts/gguf/zoo/families.ts) into a cache folder, never committed: random-weight
 * GGUF files with the real architectures, metadata, tokenizers and chat templates of the families Trove meets.
 * Files are written once per cache key (zoo version + tokenizer package versions) and renamed into place whole,
 * so parallel test workers and later runs reuse them.
 *
 *   npx tsx scripts/generate-model-zoo.ts                     # the tiny test zoo
 *   npx tsx scripts/generate-model-zoo.ts real qwen2.5-0.5b-instruct Q8_0   # one real-size file (benchmarks)
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ZOO, ZOO_VERSION, zooEntry, type ZooVariant } from './gguf/zoo/families.ts';
import { packageVersion, TOKENIZER_PACKAGES } from './gguf/zoo/tokenizers.ts';
import type { GgufTensorType } from './gguf/types.ts';
import { writeGgufFile } from './gguf/writer.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** node_modules/.cache/trove-model-zoo/<key>: ignored by git, cleared with node_modules, a new folder per key. */
export function modelZooDir(): string {
  const versions = TOKENIZER_PACKAGES.map((name) => `${name}@${packageVersion(name)}`).join(',');
  const key = createHash('sha256').update(`zoo ${ZOO_VERSION} ${versions}`).digest('hex').slice(0, 10);
  return join(PROJECT_ROOT, 'node_modules', '.cache', 'trove-model-zoo', `v${ZOO_VERSION}-${key}`);
}

/** Path of one zoo file, generated if missing. Tiny variants are F16; adapters are always F32. */
export async function ensureZooModel(id: string, variant: ZooVariant, type: GgufTensorType = 'F16', dir: string = modelZooDir()): Promise<string> {
  const entry = zooEntry(id);
  const stored: GgufTensorType = entry.role === 'adapter' ? 'F32' : variant === 'tiny' ? 'F16' : type;
  if (variant === 'real' && !entry.realTypes.includes(stored)) throw new Error(`${id} is generated at real size as ${entry.realTypes.join(' or ')}, not ${stored}.`);
  const path = join(dir, `${id}.${variant}.${stored}.gguf`);
  // writeGgufFile renames a complete file into place, so one that exists is whole.
  if (existsSync(path)) return path;
  await mkdir(dir, { recursive: true });
  await writeGgufFile(path, entry.build(variant, stored));
  return path;
}

/** The tiny zoo the test suite uses: zoo id → path. */
export type TestZoo = Readonly<Record<string, string>>;

export async function ensureTestZoo(dir: string = modelZooDir()): Promise<TestZoo> {
  const paths: Record<string, string> = {};
  for (const entry of ZOO.filter((e) => e.inTestZoo)) paths[entry.id] = await ensureZooModel(entry.id, 'tiny', 'F16', dir);
  return paths;
}

/** A test zoo path by id, failing loudly for an id the tiny zoo does not have. */
export function zooPath(zoo: TestZoo, id: string): string {
  const path = zoo[id];
  if (path === undefined) throw new Error(`The test zoo has no ${id}`);
  return path;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const [variant = 'tiny', id, type] = process.argv.slice(2);
  const started = performance.now();
  if (variant === 'tiny' && id === undefined) {
    for (const [name, path] of Object.entries(await ensureTestZoo())) console.log(`${name}\t${path}`);
  } else if ((variant === 'tiny' || variant === 'real') && id !== undefined) {
    console.log(await ensureZooModel(id, variant, (type ?? 'F16') as GgufTensorType));
  } else {
    console.error('usage: generate-model-zoo.ts [tiny | real <id> [F16|Q8_0]]');
    process.exitCode = 2;
  }
  console.error(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
