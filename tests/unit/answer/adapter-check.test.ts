import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../electron/core/errors.ts';
import { checkAdapterFits, type GgufShapes } from '../../../electron/core/models/adapter-check.ts';
import { parseAdapter } from '../../../electron/cli/commands/ask.ts';

const base: GgufShapes = {
  path: '/m/base.gguf',
  architecture: 'llama',
  fileType: 'model',
  adapterType: undefined,
  tensors: new Map([['blk.0.attn_q.weight', [64, 64]], ['blk.0.ffn_up.weight', [64, 128]]]),
};
const adapter = (tensors: [string, number[]][], extra: Partial<GgufShapes> = {}): GgufShapes => ({
  path: '/a/style.gguf', architecture: 'llama', fileType: 'adapter', adapterType: 'lora', tensors: new Map(tensors), ...extra,
});
const problem = (a: GgufShapes): string => {
  try {
    checkAdapterFits(base, a);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('ADAPTER_MISMATCH');
    expect((error as ModelError).modelPath).toBe('/a/style.gguf');
    return (error as Error).message;
  }
  return 'fits';
};

describe('checkAdapterFits', () => {
  it('accepts A [n_in, r] / B [r, n_out] pairs matching the base tensors', () => {
    expect(problem(adapter([['blk.0.attn_q.weight.lora_a', [64, 4]], ['blk.0.attn_q.weight.lora_b', [4, 64]], ['blk.0.ffn_up.weight.lora_a', [64, 8]], ['blk.0.ffn_up.weight.lora_b', [8, 128]]]))).toBe('fits');
  });

  it('names both files and the tensor that disagrees', () => {
    expect(problem(adapter([['blk.0.attn_q.weight.lora_a', [96, 4]], ['blk.0.attn_q.weight.lora_b', [4, 96]]]))).toBe(
      'LoRA adapter style.gguf does not fit model base.gguf: blk.0.attn_q.weight is [64, 64] in the model but the adapter expects [96, 96].',
    );
  });

  it('rejects other architectures, missing targets, unpaired or rank-mismatched tensors, empty adapters', () => {
    expect(problem(adapter([], { architecture: 'qwen2' }))).toMatch(/made for qwen2 models, the model is llama/);
    expect(problem(adapter([['blk.9.attn_q.weight.lora_a', [64, 4]], ['blk.9.attn_q.weight.lora_b', [4, 64]]]))).toMatch(/adapts blk\.9\.attn_q\.weight, which the model does not have/);
    expect(problem(adapter([['blk.0.attn_q.weight.lora_a', [64, 4]]]))).toMatch(/no matching blk\.0\.attn_q\.weight\.lora_b/);
    expect(problem(adapter([['blk.0.attn_q.weight.lora_b', [4, 64]]]))).toMatch(/no matching lora_a/);
    expect(problem(adapter([['blk.0.attn_q.weight.lora_a', [64, 4]], ['blk.0.attn_q.weight.lora_b', [8, 64]]]))).toMatch(/rank 4 but lora_b rank 8/);
    expect(problem(adapter([]))).toMatch(/no LoRA tensors/);
  });
});

describe('--adapter parsing', () => {
  it('reads an optional scale after the last colon and accumulates', () => {
    expect(parseAdapter('a.gguf')).toEqual([{ path: 'a.gguf', scale: 1 }]);
    expect(parseAdapter('C:\\x\\b.gguf:0.5', [{ path: 'a.gguf', scale: 1 }])).toEqual([{ path: 'a.gguf', scale: 1 }, { path: 'C:\\x\\b.gguf', scale: 0.5 }]);
    expect(parseAdapter('c.gguf:0')).toEqual([{ path: 'c.gguf', scale: 0 }]);
  });
});
