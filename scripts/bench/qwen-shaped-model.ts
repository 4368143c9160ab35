/**
 * A chat model with Qwen2.5-0.5B-Instruct's shape and random weights, for timing answers at a realistic size
 * without downloading one: llama architecture, 24 blocks × 896 hidden, 14 query heads and 2 key/value heads
 * (grouped-query attention, head size 64), feed-forward 4,864, F32, Qwen's 32,768-token training context. The
 * vocabulary is the generated test vocabulary (scripts/gguf/tiny-vocab.ts), so token counts are those of that
 * tokenizer, not Qwen's. Written once (1.4 GB) into node_modules/.cache, never committed.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTinyLlama, TINY_MODEL_FORMAT_VERSION } from '../gguf/tiny-llama.ts';
import { writeGgufFile } from '../gguf/writer.ts';

export const QWEN_05B_SHAPE = { nEmbd: 896, nLayer: 24, nHead: 14, nHeadKv: 2, nFf: 4864, contextLength: 32_768 } as const;

const CACHE_DIR = join(fileURLToPath(new URL('../..', import.meta.url)), 'node_modules', '.cache', 'trove-bench-models');

/** The model's path, generated on first use (about a minute); the format version in the name keeps stale files out. */
export async function ensureQwenShapedModel(dir: string = CACHE_DIR): Promise<string> {
  const path = join(dir, `qwen2.5-0.5b-shape-random-f32-v${TINY_MODEL_FORMAT_VERSION}.gguf`);
  // writeGgufFile renames a complete file into place, so a file that exists is whole.
  if (existsSync(path)) return path;
  await mkdir(dir, { recursive: true });
  await writeGgufFile(path, buildTinyLlama({ ...QWEN_05B_SHAPE, tensorType: 'F32', name: 'trove-bench-qwen2.5-0.5b-shape' }));
  return path;
}
