/**
 * The tiny model zoo (scripts/generate-model-zoo.ts) for a test file: generated once (tests/global-setup.ts does
 * it first), with the llama runtime on 2 threads for the file's tests and disposed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestZoo, zooPath, type TestZoo } from '../../scripts/generate-model-zoo.ts';

/** Call at the top of a test file; the returned function gives a zoo model's path (inside tests and hooks). */
export function useTestZoo(): (id: string) => string {
  let zoo: TestZoo | undefined;
  beforeAll(async () => {
    zoo = await ensureTestZoo();
    await getLlamaRuntime({ threads: 2 });
  });
  afterAll(async () => {
    await disposeLlamaRuntime();
  });
  return (id) => {
    if (!zoo) throw new Error('The test zoo is used before beforeAll generated it.');
    return zooPath(zoo, id);
  };
}
