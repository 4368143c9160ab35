import { open, rename } from 'node:fs/promises';
import { endianness } from 'node:os';
import { float32ToFloat16Bits } from './f16.ts';
import { encodeQ8_0, Q8_0_BLOCK, Q8_0_BLOCK_BYTES } from './q8.ts';
import type { GgufDocument, GgufTensor, GgufTensorType, GgufValue } from './types.ts';

/**
 * Serialises a GGUF v3 file (little-endian) in memory. Layout, per the spec (ggml docs/gguf.md):
 *
 *   magic "GGUF" | u32 version | u64 tensor count | u64 kv count
 *   kv*:          string key | u32 value type | value
 *   tensor info*: string name | u32 n_dims | u64 dims[n_dims] | u32 ggml type | u64 offset (relative to data start)
 *   zero padding up to `alignment`
 *   tensor data, each tensor starting at a multiple of `alignment`
 *
 * llama.cpp insists that each tensor's offset equals the padded running sum of the sizes before it, so
 * tensors are laid out strictly in the order given, with no gaps beyond padding.
 * Test models are well under a few MB, so building one buffer is simplest; `writeGgufFile` streams big ones.
 */
export function serializeGguf(doc: GgufDocument): Uint8Array {
  const { header, alignment } = encodeHeader(doc);
  const sink = new ByteSink();
  sink.bytes(header);
  for (const tensor of doc.tensors) {
    sink.bytes(encodeTensorData(tensor));
    sink.padTo(alignment);
  }
  return sink.finish();
}

/**
 * The same bytes as `serializeGguf`, written to `path` one tensor at a time (through a temporary file renamed
 * into place), for models too large to hold twice in memory: the benchmark's 0.5B-shaped model is 1.4 GB.
 */
export async function writeGgufFile(path: string, doc: GgufDocument): Promise<void> {
  const { header, alignment } = encodeHeader(doc);
  const tmp = `${path}.${process.pid}.tmp`;
  const file = await open(tmp, 'w');
  try {
    await file.write(header);
    for (const tensor of doc.tensors) {
      const payload = encodeTensorData(tensor);
      await file.write(payload);
      const pad = padTo(payload.length, alignment) - payload.length;
      if (pad > 0) await file.write(new Uint8Array(pad));
    }
  } finally {
    await file.close();
  }
  await rename(tmp, path);
}

/** Everything before the tensor data (magic, metadata, tensor infos), padded to the data alignment. */
function encodeHeader(doc: GgufDocument): { header: Uint8Array; alignment: number } {
  const alignment = resolveAlignment(doc);
  const sink = new ByteSink();

  sink.bytes(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(BigInt(doc.tensors.length));
  const entries = Object.entries(doc.metadata);
  sink.u64(BigInt(entries.length));
  for (const [key, value] of entries) {
    sink.string(key);
    writeValue(sink, value);
  }

  const seen = new Set<string>();
  let dataOffset = 0;
  for (const tensor of doc.tensors) {
    if (seen.has(tensor.name)) throw new Error(`duplicate tensor name: ${tensor.name}`);
    seen.add(tensor.name);
    const size = tensorDataSize(tensor);
    sink.string(tensor.name);
    sink.u32(tensor.dims.length);
    // GGUF stores dims in ggml order (ne0 first), which is how GgufTensor.dims is already expressed.
    for (const d of tensor.dims) sink.u64(BigInt(d));
    sink.u32(GGML_TYPE_ID[tensor.type]);
    sink.u64(BigInt(dataOffset));
    dataOffset += padTo(size, alignment);
  }
  sink.padTo(alignment);
  return { header: sink.finish(), alignment };
}

const GGUF_MAGIC = new Uint8Array([0x47, 0x47, 0x55, 0x46]); // "GGUF"
const GGUF_VERSION = 3;
const DEFAULT_ALIGNMENT = 32;

/** Value type ids from the spec (enum gguf_metadata_value_type). */
const VALUE_TYPE_ID = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;

/** ggml_type ids (ggml.h) of the types we write. */
const GGML_TYPE_ID: Record<GgufTensorType, number> = { F32: 0, F16: 1, Q8_0: 8 };

function resolveAlignment(doc: GgufDocument): number {
  const value = doc.metadata['general.alignment'];
  if (value === undefined) return DEFAULT_ALIGNMENT;
  // llama.cpp rejects any other type for this key, so refuse to write a file it cannot read.
  if (value.type !== 'uint32') throw new Error('general.alignment must be a uint32');
  const a = value.value;
  if (!Number.isInteger(a) || a <= 0 || (a & (a - 1)) !== 0) throw new Error(`general.alignment must be a power of two, got ${a}`);
  return a;
}

function tensorDataCount(tensor: GgufTensor): number {
  return tensor.dims.reduce((n, d) => n * d, 1);
}

/** Bytes of a tensor's data, after checking its dims against its values. */
function tensorDataSize(tensor: GgufTensor): number {
  const count = tensorDataCount(tensor);
  if (tensor.dims.length === 0 || tensor.dims.length > 4) throw new Error(`tensor ${tensor.name}: ggml supports 1 to 4 dims`);
  if (typeof tensor.data !== 'function' && count !== tensor.data.length) {
    throw new Error(`tensor ${tensor.name}: dims [${tensor.dims.join(', ')}] need ${count} values, got ${tensor.data.length}`);
  }
  if (tensor.type === 'Q8_0') {
    // ggml quantises along the rows (ne0); a row must hold whole blocks.
    const row = tensor.dims[0] ?? 0;
    if (row % Q8_0_BLOCK !== 0) throw new Error(`tensor ${tensor.name}: Q8_0 needs dims[0] to be a multiple of ${Q8_0_BLOCK}, got ${row}`);
    return (count / Q8_0_BLOCK) * Q8_0_BLOCK_BYTES;
  }
  return count * (tensor.type === 'F32' ? 4 : 2);
}

/** GGUF is little-endian and typed arrays use the platform's order: every platform Node ships for is little-endian. */
if (endianness() !== 'LE') throw new Error('The GGUF writer needs a little-endian platform.');

function encodeTensorData(tensor: GgufTensor): Uint8Array {
  const data = typeof tensor.data === 'function' ? tensor.data() : tensor.data;
  const count = data.length;
  if (count !== tensorDataCount(tensor)) throw new Error(`tensor ${tensor.name}: dims [${tensor.dims.join(', ')}] need ${tensorDataCount(tensor)} values, got ${count}`);
  if (tensor.type === 'Q8_0') return encodeQ8_0(data);
  // Typed arrays are little-endian on every platform Node runs on, as GGUF is: copy their bytes as they are.
  const typed = tensor.type === 'F32' ? Float32Array.from(data) : float32ToFloat16Bits(data);
  return new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
}

function writeValue(sink: ByteSink, value: GgufValue): void {
  sink.u32(VALUE_TYPE_ID[value.type]);
  if (value.type !== 'array') {
    writeScalar(sink, value);
    return;
  }
  sink.u32(VALUE_TYPE_ID[value.itemType]);
  sink.u64(BigInt(value.value.length));
  if (value.itemType === 'string') {
    for (const s of value.value) sink.string(s);
  } else if (value.itemType === 'bool') {
    for (const b of value.value) sink.u8(b ? 1 : 0);
  } else {
    // Token lists carry arrays of 100k+ numbers: write them in one typed copy, not one value at a time.
    sink.numbers(value.itemType, value.value);
  }
}

function writeScalar(sink: ByteSink, value: Exclude<GgufValue, { type: 'array' }>): void {
  switch (value.type) {
    case 'uint64': return sink.u64(value.value);
    case 'int64': return sink.fixed(8, (v, at) => v.setBigInt64(at, value.value, true));
    case 'bool': return sink.u8(value.value ? 1 : 0);
    case 'string': return sink.string(value.value);
    default: return sink.numbers(value.type, [value.value]);
  }
}

function padTo(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

const UTF8 = new TextEncoder();

const NUMBER_ARRAYS = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

/** Append-only little-endian byte buffer, filled in blocks of at least 1 MiB and joined once at the end. */
class ByteSink {
  private readonly chunks: Uint8Array[] = [];
  private block = new Uint8Array(0);
  private view = new DataView(this.block.buffer);
  private at = 0;
  private length = 0;

  /** Room for `n` more bytes in the current block; returns the offset to write at. Call it before reading block/view: it may replace them. */
  private reserve(n: number): number {
    if (this.at + n > this.block.length) {
      this.flush();
      this.block = new Uint8Array(Math.max(n, 1 << 20));
      this.view = new DataView(this.block.buffer);
    }
    const at = this.at;
    this.at += n;
    this.length += n;
    return at;
  }

  private flush(): void {
    if (this.at > 0) this.chunks.push(this.block.subarray(0, this.at));
    this.block = new Uint8Array(0);
    this.at = 0;
  }

  bytes(b: Uint8Array): void {
    const at = this.reserve(b.length);
    this.block.set(b, at);
  }

  fixed(size: number, write: (view: DataView, at: number) => void): void {
    const at = this.reserve(size);
    write(this.view, at);
  }

  u8(n: number): void {
    const at = this.reserve(1);
    this.block[at] = n;
  }

  u32(n: number): void {
    const at = this.reserve(4);
    this.view.setUint32(at, n, true);
  }

  u64(n: bigint): void {
    const at = this.reserve(8);
    this.view.setBigUint64(at, n, true);
  }

  /** Numbers as little-endian values of one type (typed arrays are little-endian on every platform Node runs on). */
  numbers(type: keyof typeof NUMBER_ARRAYS, values: ArrayLike<number>): void {
    const typed = NUMBER_ARRAYS[type].from(values);
    this.bytes(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength));
  }

  /** GGUF strings: u64 byte length + UTF-8 bytes, no terminator. */
  string(s: string): void {
    const max = s.length * 3;
    const lengthAt = this.reserve(8 + max);
    const { written } = UTF8.encodeInto(s, this.block.subarray(lengthAt + 8, lengthAt + 8 + max));
    this.view.setBigUint64(lengthAt, BigInt(written), true);
    // Give back what the UTF-8 bytes did not use.
    this.at -= max - written;
    this.length -= max - written;
  }

  padTo(alignment: number): void {
    const pad = padTo(this.length, alignment) - this.length;
    if (pad > 0) this.bytes(new Uint8Array(pad));
  }

  finish(): Uint8Array {
    this.flush();
    return Buffer.concat(this.chunks, this.length);
  }
}
