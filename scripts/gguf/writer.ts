import { open, rename } from 'node:fs/promises';
import { float32ToFloat16Bits } from './f16.ts';
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

/** ggml_type ids (ggml.h): only the two float types we write. */
const GGML_TYPE_ID: Record<GgufTensorType, number> = { F32: 0, F16: 1 };

function resolveAlignment(doc: GgufDocument): number {
  const value = doc.metadata['general.alignment'];
  if (value === undefined) return DEFAULT_ALIGNMENT;
  // llama.cpp rejects any other type for this key, so refuse to write a file it cannot read.
  if (value.type !== 'uint32') throw new Error('general.alignment must be a uint32');
  const a = value.value;
  if (!Number.isInteger(a) || a <= 0 || (a & (a - 1)) !== 0) throw new Error(`general.alignment must be a power of two, got ${a}`);
  return a;
}

/** Bytes of a tensor's data, after checking its dims against its values. */
function tensorDataSize(tensor: GgufTensor): number {
  const count = tensor.dims.reduce((n, d) => n * d, 1);
  if (tensor.dims.length === 0 || tensor.dims.length > 4) throw new Error(`tensor ${tensor.name}: ggml supports 1 to 4 dims`);
  if (count !== tensor.data.length) {
    throw new Error(`tensor ${tensor.name}: dims [${tensor.dims.join(', ')}] need ${count} values, got ${tensor.data.length}`);
  }
  return count * (tensor.type === 'F32' ? 4 : 2);
}

function encodeTensorData(tensor: GgufTensor): Uint8Array {
  const count = tensor.data.length;
  if (tensor.type === 'F32') {
    const out = new Uint8Array(count * 4);
    const view = new DataView(out.buffer);
    for (let i = 0; i < count; i++) view.setFloat32(i * 4, tensor.data[i] ?? 0, true);
    return out;
  }
  const halves = float32ToFloat16Bits(tensor.data);
  const out = new Uint8Array(count * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) view.setUint16(i * 2, halves[i] ?? 0, true);
  return out;
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
    const itemType = value.itemType;
    for (let i = 0; i < value.value.length; i++) writeScalar(sink, { type: itemType, value: value.value[i] ?? 0 });
  }
}

function writeScalar(sink: ByteSink, value: Exclude<GgufValue, { type: 'array' }>): void {
  switch (value.type) {
    case 'uint8': return sink.u8(value.value);
    case 'int8': return sink.fixed(1, (v) => v.setInt8(0, value.value));
    case 'uint16': return sink.fixed(2, (v) => v.setUint16(0, value.value, true));
    case 'int16': return sink.fixed(2, (v) => v.setInt16(0, value.value, true));
    case 'uint32': return sink.u32(value.value);
    case 'int32': return sink.fixed(4, (v) => v.setInt32(0, value.value, true));
    case 'float32': return sink.fixed(4, (v) => v.setFloat32(0, value.value, true));
    case 'float64': return sink.fixed(8, (v) => v.setFloat64(0, value.value, true));
    case 'uint64': return sink.u64(value.value);
    case 'int64': return sink.fixed(8, (v) => v.setBigInt64(0, value.value, true));
    case 'bool': return sink.u8(value.value ? 1 : 0);
    case 'string': return sink.string(value.value);
  }
}

function padTo(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

/** Append-only little-endian byte buffer; chunks are joined once at the end. */
class ByteSink {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  bytes(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }

  fixed(size: number, write: (view: DataView) => void): void {
    const b = new Uint8Array(size);
    write(new DataView(b.buffer));
    this.bytes(b);
  }

  u8(n: number): void {
    this.bytes(Uint8Array.of(n));
  }

  u32(n: number): void {
    this.fixed(4, (v) => v.setUint32(0, n, true));
  }

  u64(n: bigint): void {
    this.fixed(8, (v) => v.setBigUint64(0, n, true));
  }

  /** GGUF strings: u64 byte length + UTF-8 bytes, no terminator. */
  string(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(BigInt(b.length));
    this.bytes(b);
  }

  padTo(alignment: number): void {
    const pad = padTo(this.length, alignment) - this.length;
    if (pad > 0) this.bytes(new Uint8Array(pad));
  }

  finish(): Uint8Array {
    return Buffer.concat(this.chunks, this.length);
  }
}
