// Engine.dispose releases every part even when one fails: a model that cannot be unloaded must not leave the
// index file open.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

class EmbedderThatWillNotUnload extends HashingEmbedder {
  override async dispose(): Promise<void> {
    throw new Error('the model could not be unloaded');
  }
}

describe('Engine.dispose', () => {
  it('closes the index even when a model fails to unload, and reports that failure', async () => {
    const store = Store.open(join(await tempDir(), 'trove.db'));
    const engine = new Engine({ store, embedder: new EmbedderThatWillNotUnload() });
    await expect(engine.dispose()).rejects.toThrow('the model could not be unloaded');
    expect(() => store.integrityCheck()).toThrow(/not open/);
  });
});
