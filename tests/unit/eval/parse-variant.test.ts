import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVariant } from '../../../electron/cli/commands/eval.ts';
import { TroveError } from '../../../electron/core/errors.ts';

describe('parseVariant', () => {
  it('reads every setting of a variant', () => {
    expect(parseVariant('mine:chunk=200,overlap=20,embed=e.gguf,rerank=r.gguf,bm25budget=100')).toEqual({
      name: 'mine',
      chunking: { maxTokens: 200, overlapTokens: 20 },
      embedModelPath: resolve('e.gguf'),
      adapters: undefined,
      rerankModelPath: resolve('r.gguf'),
      postingsBudget: 100,
    });
  });

  it('leaves what a variant does not name to the defaults', () => {
    expect(parseVariant('plain')).toMatchObject({ name: 'plain', chunking: undefined, postingsBudget: undefined });
  });

  it.each(['b:bm25budget=0', 'b:bm25budget=1.5', 'b:bm25budget=lots', 'b:speed=fast'])('refuses %s with an error that names the setting', (spec) => {
    expect(() => parseVariant(spec)).toThrow(TroveError);
    expect(() => parseVariant(spec)).toThrow(/bm25budget|speed/);
  });
});
