import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { GgufFileInfo } from 'node-llama-cpp';
import { ModelError } from '../../electron/core/errors.ts';
import { GGML_TYPE_SIZES } from './ggml-type-sizes.ts';

/** What a header check learned about a GGUF file. */
export interface GgufFileSummary {
  readonly path: string;
  readonly sizeBytes: number;
  readonly version: number;
  readonly tensorCount: number;
  /** `general.architecture`, e.g. "llama". */
  readonly architecture: string | undefined;
  /** `general.type`: "model", "adapter", or undefined for files written before the key existed. */
  readonly fileType: string | undefined;
  /** The parsed header (metadata + tensor infos), for callers that describe the file (see gguf-inspect.ts). */
  readonly info: GgufFileInfo;
}

/** magic (4) + version (4) + tensor count (8) + kv count (8). */
const HEADER_BYTES = 24;
const MAX_TENSORS = 1_000_000n;
const MAX_KV = 1_000_000n;

/**
 * Checks a file before llama.cpp sees it: it exists, starts with the GGUF magic, has a version llama.cpp reads,
 * its header parses, and it is long enough to hold every tensor the header declares. llama.cpp does most of
 * this too, but reports it as a generic "Failed to load model" (or, in older builds, aborts), and users need
 * to know whether to fix a path or re-download a file. Throws ModelError MODEL_NOT_FOUND / MODEL_INVALID.
 *
 * `kind` rejects the other kind of GGUF: a LoRA adapter passed as a model and vice versa; 'any' accepts both.
 */
export async function checkGgufFile(path: string, kind: 'model' | 'adapter' | 'any'): Promise<GgufFileSummary> {
  const what = kind === 'model' ? 'Model' : kind === 'adapter' ? 'LoRA adapter' : 'GGUF';
  const name = basename(path);
  const invalid = (reason: string, cause?: unknown): ModelError =>
    new ModelError('MODEL_INVALID', path, `${what} file ${name} ${reason}.`, cause === undefined ? undefined : { cause });

  const sizeBytes = await statFile(path, what, name);
  if (sizeBytes < HEADER_BYTES) throw invalid(`is too small to be a GGUF file (${sizeBytes} bytes)`);

  const head = await readHead(path, what);
  if (head.toString('latin1', 0, 4) !== 'GGUF') throw invalid('is not a GGUF file (no GGUF signature at the start)');
  const version = head.readUInt32LE(4);
  // llama.cpp reads v2 and v3; v1 predates 64-bit sizes and is refused.
  if (version !== 2 && version !== 3) throw invalid(`has unsupported GGUF version ${version}`);
  // Garbage counts would keep the header parser busy for a very long time; real files are far below these.
  if (head.readBigUInt64LE(8) > MAX_TENSORS || head.readBigUInt64LE(16) > MAX_KV) throw invalid('is damaged (impossible header counts)');

  let info: GgufFileInfo;
  try {
    // Split models (name-00001-of-0000N.gguf) keep tensors in sibling files; only this file's tensors are checked.
    // node-llama-cpp loads on first use (~0.7 s): commands that never look at a model do not pay for it.
    const { readGgufFileInfo } = await import('node-llama-cpp');
    info = await readGgufFileInfo(path, { sourceType: 'filesystem', readTensorInfo: true, logWarnings: false, spliceSplitFiles: false });
  } catch (error) {
    throw invalid('is damaged or truncated (its header cannot be read)', error);
  }

  // node-llama-cpp's reader pads reads past the end of the file with zeros instead of failing, so a file cut
  // inside its header can parse "successfully"; the header's own end must lie within the file.
  let needed = info.infoEndOffset ?? info.metadataSize;
  for (const tensor of info.tensorInfo ?? []) {
    const start = Number(tensor.fileOffset);
    needed = Math.max(needed, start + (tensorBytes(tensor.dimensions, tensor.ggmlType) ?? 0));
  }
  if (sizeBytes < needed) throw invalid(`is truncated (${sizeBytes} bytes, expected at least ${needed}); download it again`);

  const general = info.metadata.general as { architecture?: unknown; type?: unknown } | undefined;
  const fileType = typeof general?.type === 'string' ? general.type : undefined;
  if (kind === 'model' && fileType === 'adapter') throw invalid('is a LoRA adapter, not a model');
  if (kind === 'adapter' && fileType !== 'adapter') throw invalid('is not a LoRA adapter (general.type is not "adapter")');

  return {
    path,
    sizeBytes,
    version,
    tensorCount: Number(info.tensorCount),
    architecture: typeof general?.architecture === 'string' ? general.architecture : undefined,
    fileType,
    info,
  };
}

async function statFile(path: string, what: string, name: string): Promise<number> {
  let s: Stats;
  try {
    s = await stat(path);
  } catch (error) {
    throw unreadable(error, path, what);
  }
  if (!s.isFile()) throw new ModelError('MODEL_INVALID', path, `${what} path ${name} is not a file.`);
  return s.size;
}

async function readHead(path: string, what: string): Promise<Buffer> {
  const head = Buffer.alloc(HEADER_BYTES);
  try {
    const fh = await open(path, 'r');
    try {
      await fh.read(head, 0, HEADER_BYTES, 0);
    } finally {
      await fh.close();
    }
  } catch (error) {
    throw unreadable(error, path, what);
  }
  return head;
}

/** Missing and unreadable files both need the user to fix the path or its permissions: MODEL_NOT_FOUND. */
function unreadable(error: unknown, path: string, what: string): ModelError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : 'was not found';
  return new ModelError('MODEL_NOT_FOUND', path, `${what} file ${path} ${reason}.`, { cause: error });
}

/** Bytes of a tensor's data, or undefined for a type we have no size for. */
function tensorBytes(dimensions: readonly (number | bigint)[], ggmlType: number): number | undefined {
  const size = GGML_TYPE_SIZES.get(ggmlType);
  if (size === undefined) return undefined;
  const [blockSize, blockBytes] = size;
  const elements = dimensions.reduce<number>((n, d) => n * Number(d), 1);
  return Math.ceil(elements / blockSize) * blockBytes;
}
