import { ensureTestZoo } from '../scripts/generate-model-zoo.ts';
import { ensureTestModels } from '../scripts/generate-test-models.ts';

/**
 * Generates the tiny test models and the tiny model zoo (real tokenizers and templates, scripts/gguf/zoo) once
 * before any test file runs, so parallel workers do not all write them. The zoo is cached by version under
 * node_modules/.cache, so only a fresh checkout pays for it. (Test files still call the ensure functions
 * themselves: cheap when the files exist, and it keeps a single file runnable on its own.)
 */
export default async function setup(): Promise<void> {
  await ensureTestModels();
  await ensureTestZoo();
}
