/**
 * Generates the tiny GGUF models the model tests run against (random weights, no downloads), into a cache
 * folder. Deterministic: the same code always produces the same bytes, so files are only rewritten when the
 * generator changes.
 *
 *   npx tsx scripts/generate-test-models.ts [outDir]
 */
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureFile } from './gguf/ensure-file.ts';
import { buildTinyLlama } from './gguf/tiny-llama.ts';
import { buildTinyLora } from './gguf/tiny-lora.ts';
import { buildTinyReranker } from './gguf/tiny-reranker.ts';
import { serializeGguf } from './gguf/writer.ts';

export interface TestModelPaths {
  readonly dir: string;
  /** Llama architecture, n_embd 64, 2 layers, 4 heads, n_ff 128, context 512, ~700-token SPM vocabulary. */
  readonly model: string;
  /** LoRA for `model`: rank 4, alpha 8, on attn_q / attn_v / ffn_up; changes greedy output at scale 1. */
  readonly lora: string;
  /** The same kind of LoRA built for an n_embd 96 model: llama.cpp must refuse it for `model`. */
  readonly loraMismatch: string;
  /**
   * Cross-encoder reranker: qwen3 architecture (the llama shape above plus Q/K norms), a 2-label `cls.output`
   * head and rank pooling, so node-llama-cpp's ranking context accepts it. Scores are deterministic, meaningless.
   */
  readonly reranker: string;
}

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where generated models are cached: node_modules/.cache is ignored by git and cleared with node_modules. */
export function testModelsDir(): string {
  return join(PROJECT_ROOT, 'node_modules', '.cache', 'trove-test-models');
}

export async function ensureTestModels(dir: string = testModelsDir()): Promise<TestModelPaths> {
  const paths: TestModelPaths = {
    dir,
    model: join(dir, 'tiny-llama.gguf'),
    lora: join(dir, 'tiny-llama-lora.gguf'),
    loraMismatch: join(dir, 'tiny-llama-lora-mismatch.gguf'),
    reranker: join(dir, 'tiny-reranker.gguf'),
  };
  // Building all four takes ~60 ms, cheaper and more reliable than tracking staleness another way.
  await ensureFile(paths.model, serializeGguf(buildTinyLlama()));
  await ensureFile(paths.lora, serializeGguf(buildTinyLora()));
  await ensureFile(paths.loraMismatch, serializeGguf(buildTinyLora({ base: { nEmbd: 96 } })));
  await ensureFile(paths.reranker, serializeGguf(buildTinyReranker()));
  return paths;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const outDir = process.argv[2];
  const paths = await ensureTestModels(outDir === undefined ? undefined : resolve(outDir));
  for (const [name, path] of Object.entries(paths)) console.log(`${name}\t${path}`);
}
