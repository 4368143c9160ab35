import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGgufFileInfo } from '../../native/llama.ts';
import { float32ToFloat16Bits } from '../../scripts/gguf/f16.ts';
import { buildTinyLlama } from '../../scripts/gguf/tiny-llama.ts';
import { buildTinyLora } from '../../scripts/gguf/tiny-lora.ts';
import type { GgufDocument } from '../../scripts/gguf/types.ts';
import { gguf } from '../../scripts/gguf/values.ts';
import { serializeGguf, writeGgufFile } from '../../scripts/gguf/writer.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trove-gguf-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function roundTrip(doc: GgufDocument, name: string) {
  const bytes = serializeGguf(doc);
  const path = join(dir, name);
  await writeFile(path, bytes);
  const info = await readGgufFileInfo(path, { sourceType: 'filesystem', logWarnings: false });
  return { bytes, info };
}

const sample: GgufDocument = {
  metadata: {
    'general.architecture': gguf.str('llama'),
    'general.alignment': gguf.u32(64),
    'test.u8': { type: 'uint8', value: 200 },
    'test.i8': { type: 'int8', value: -100 },
    'test.u16': { type: 'uint16', value: 60000 },
    'test.i16': { type: 'int16', value: -30000 },
    'test.u32': gguf.u32(4_000_000_000),
    'test.i32': gguf.i32(-2_000_000_000),
    'test.f32': gguf.f32(0.5),
    'test.f64': { type: 'float64', value: Math.PI },
    'test.u64': gguf.u64(2n ** 40n + 1n),
    'test.i64': { type: 'int64', value: -(2n ** 40n) },
    'test.bool': gguf.bool(true),
    'test.str': gguf.str('héllo ▁ 日本'),
    'test.strs': gguf.strArray(['a', '', '<0x0A>', '▁the']),
    'test.f32s': gguf.f32Array([1.5, -2, 0]),
    'test.i32s': gguf.i32Array([1, -1, 2_000_000_000]),
    'test.bools': { type: 'array', itemType: 'bool', value: [true, false] },
  },
  tensors: [
    // 3 floats = 12 bytes: the next tensor must start at the next multiple of 64.
    { name: 'a.weight', dims: [3], type: 'F32', data: Float32Array.of(1, -2, 3.25) },
    { name: 'b.weight', dims: [2, 3], type: 'F16', data: Float32Array.of(0, 1, -1, 0.5, 65504, 1 / 3) },
    { name: 'c.weight', dims: [4, 2, 1], type: 'F32', data: Float32Array.from({ length: 8 }, (_, i) => i / 8) },
  ],
};

describe('serializeGguf', () => {
  it('writes the GGUF v3 header little-endian', () => {
    const bytes = Buffer.from(serializeGguf(sample));
    expect(bytes.toString('latin1', 0, 4)).toBe('GGUF');
    expect(bytes.readUInt32LE(4)).toBe(3);
    expect(bytes.readBigUInt64LE(8)).toBe(3n); // tensors
    expect(bytes.readBigUInt64LE(16)).toBe(BigInt(Object.keys(sample.metadata).length));
    // First KV: u64 key length, key bytes, u32 type (8 = string).
    expect(bytes.readBigUInt64LE(24)).toBe(BigInt('general.architecture'.length));
    expect(bytes.toString('utf8', 32, 32 + 20)).toBe('general.architecture');
    expect(bytes.readUInt32LE(52)).toBe(8);
  });

  it('round-trips every metadata type through an independent parser', async () => {
    const { info } = await roundTrip(sample, 'sample.gguf');
    expect(info.version).toBe(3);
    const test = (info.metadata as unknown as { test: Record<string, unknown> }).test;
    expect(test.u8).toBe(200);
    expect(test.i8).toBe(-100);
    expect(test.u16).toBe(60000);
    expect(test.i16).toBe(-30000);
    expect(test.u32).toBe(4_000_000_000);
    expect(test.i32).toBe(-2_000_000_000);
    expect(test.f32).toBe(0.5);
    expect(test.f64).toBe(Math.PI);
    expect(BigInt(test.u64 as bigint)).toBe(2n ** 40n + 1n);
    expect(BigInt(test.i64 as bigint)).toBe(-(2n ** 40n));
    expect(test.bool).toBe(true);
    expect(test.str).toBe('héllo ▁ 日本');
    expect(test.strs).toEqual(['a', '', '<0x0A>', '▁the']);
    expect(test.f32s).toEqual([1.5, -2, 0]);
    expect(test.i32s).toEqual([1, -1, 2_000_000_000]);
    expect(test.bools).toEqual([true, false]);
    expect(info.metadata.general.architecture).toBe('llama');
  });

  it('lays tensors out in order, each at a multiple of general.alignment, with the right bytes', async () => {
    const { bytes, info } = await roundTrip(sample, 'tensors.gguf');
    const buf = Buffer.from(bytes);
    const tensors = info.tensorInfo ?? [];
    expect(tensors.map((t) => t.name)).toEqual(['a.weight', 'b.weight', 'c.weight']);
    expect(tensors.map((t) => t.dimensions.map(Number))).toEqual([[3], [2, 3], [4, 2, 1]]);
    expect(tensors.map((t) => t.ggmlType)).toEqual([0, 1, 0]);
    // Offsets are relative to the data section and are the padded running sum of sizes (llama.cpp requires it).
    expect(tensors.map((t) => Number(t.offset))).toEqual([0, 64, 128]);
    const dataStart = Number(tensors[0]!.fileOffset);
    expect(dataStart % 64).toBe(0);
    expect(dataStart).toBeGreaterThanOrEqual(info.infoEndOffset ?? 0);
    for (const t of tensors) expect(Number(t.fileOffset) % 64).toBe(0);
    expect(buf.length % 64).toBe(0);

    const a = Number(tensors[0]!.fileOffset);
    expect([0, 1, 2].map((i) => buf.readFloatLE(a + i * 4))).toEqual([1, -2, 3.25]);
    const b = Number(tensors[1]!.fileOffset);
    expect([0, 1, 2, 3, 4].map((i) => buf.readUInt16LE(b + i * 2))).toEqual([0x0000, 0x3c00, 0xbc00, 0x3800, 0x7bff]);
    const c = Number(tensors[2]!.fileOffset);
    expect(buf.readFloatLE(c + 7 * 4)).toBe(7 / 8);
  });

  it('defaults to 32-byte alignment when general.alignment is absent', async () => {
    const doc: GgufDocument = {
      metadata: { 'general.architecture': gguf.str('llama') },
      tensors: [
        { name: 'x', dims: [5], type: 'F32', data: new Float32Array(5) },
        { name: 'y', dims: [1], type: 'F32', data: new Float32Array(1) },
      ],
    };
    const { info } = await roundTrip(doc, 'align32.gguf');
    expect((info.tensorInfo ?? []).map((t) => Number(t.offset))).toEqual([0, 32]);
    expect(Number(info.tensorInfo![0]!.fileOffset) % 32).toBe(0);
  });

  it('refuses documents llama.cpp could not read', () => {
    const tensor = { name: 't', dims: [2], type: 'F32', data: new Float32Array(2) } as const;
    expect(() => serializeGguf({ metadata: {}, tensors: [tensor, tensor] })).toThrow(/duplicate tensor/);
    expect(() => serializeGguf({ metadata: {}, tensors: [{ ...tensor, dims: [3] }] })).toThrow(/need 3 values/);
    expect(() => serializeGguf({ metadata: { 'general.alignment': gguf.u32(24) }, tensors: [] })).toThrow(/power of two/);
    expect(() => serializeGguf({ metadata: { 'general.alignment': gguf.i32(32) }, tensors: [] })).toThrow(/uint32/);
  });
});

describe('writeGgufFile', () => {
  it('streams the same bytes serializeGguf builds, F32 and F16 tensors alike', async () => {
    for (const tensorType of ['F32', 'F16'] as const) {
      const doc = buildTinyLlama({ tensorType });
      const path = join(dir, `streamed-${tensorType}.gguf`);
      await writeGgufFile(path, doc);
      expect(Buffer.from(await readFile(path)).equals(Buffer.from(serializeGguf(doc)))).toBe(true);
    }
  });
});

describe('float32ToFloat16Bits', () => {
  it('converts with round-to-nearest-even, overflow to Inf and subnormals', () => {
    const input = Float32Array.of(1, -2, 65504, 65520, 1e-8, 2 ** -24, 2 ** -14, Infinity, -Infinity, 1 + 2 ** -11, 1 + 3 * 2 ** -11);
    expect(Array.from(float32ToFloat16Bits(input))).toEqual([
      0x3c00, 0xc000, 0x7bff, 0x7c00, 0x0000, 0x0001, 0x0400, 0x7c00, 0xfc00,
      0x3c00, // exactly halfway between 1 and the next half: ties to even (1)
      0x3c02, // halfway between 0x3c01 and 0x3c02: ties to even (0x3c02)
    ]);
    expect(float32ToFloat16Bits(Float32Array.of(NaN))[0]! & 0x7fff).toBeGreaterThan(0x7c00);
  });
});

describe('generated test models', () => {
  it('are byte-identical for the same options and differ by seed', () => {
    const a = Buffer.from(serializeGguf(buildTinyLlama()));
    expect(a.equals(Buffer.from(serializeGguf(buildTinyLlama())))).toBe(true);
    expect(a.equals(Buffer.from(serializeGguf(buildTinyLlama({ seed: 2 }))))).toBe(false);
    expect(Buffer.from(serializeGguf(buildTinyLora())).equals(Buffer.from(serializeGguf(buildTinyLora())))).toBe(true);
  });

  it('write llama and LoRA metadata llama.cpp expects', async () => {
    const { info } = await roundTrip(buildTinyLlama({ nEmbd: 32, nHead: 2, poolingType: 'mean' }), 'variant.gguf');
    const llama = info.metadata.llama as unknown as Record<string, unknown> & { attention: Record<string, unknown> };
    expect(llama.embedding_length).toBe(32);
    expect(llama.pooling_type).toBe(1);
    expect(llama.attention.head_count).toBe(2);
    const tokenizer = info.metadata.tokenizer as unknown as { ggml: { model: string; tokens: string[]; token_type: number[] } };
    expect(tokenizer.ggml.model).toBe('llama');
    expect(tokenizer.ggml.tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
    expect(tokenizer.ggml.tokens).toContain('<0xFF>');
    expect(tokenizer.ggml.tokens.length).toBe(tokenizer.ggml.token_type.length);
    expect(info.tensorInfo!.find((t) => t.name === 'token_embd.weight')!.dimensions.map(Number)).toEqual([32, tokenizer.ggml.tokens.length]);

    const lora = await roundTrip(buildTinyLora({ rank: 2 }), 'lora.gguf');
    const meta = lora.info.metadata as unknown as { general: { type: string }; adapter: { type: string; lora: { alpha: number } } };
    expect(meta.general.type).toBe('adapter');
    expect(meta.adapter.type).toBe('lora');
    expect(meta.adapter.lora.alpha).toBe(8);
    const q = lora.info.tensorInfo!.filter((t) => t.name.startsWith('blk.0.attn_q.weight.'));
    expect(q.map((t) => [t.name, t.dimensions.map(Number)])).toEqual([
      ['blk.0.attn_q.weight.lora_a', [64, 2]],
      ['blk.0.attn_q.weight.lora_b', [2, 64]],
    ]);
  });
});
