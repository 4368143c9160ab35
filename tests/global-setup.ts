import { ensureTestModels } from '../scripts/generate-test-models.ts';

/**
 * Generates the tiny test models once before any test file runs, so parallel workers do not all write them.
 * (Test files still call ensureTestModels() themselves: cheap when the files exist, and it keeps a single
 * file runnable on its own.)
 */
export default async function setup(): Promise<void> {
  await ensureTestModels();
}
