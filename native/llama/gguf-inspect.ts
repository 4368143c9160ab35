import { basename } from 'node:path';
import type * as NodeLlamaCpp from 'node-llama-cpp';
import type { GgufFileInfo } from 'node-llama-cpp';
import { checkGgufFile } from './gguf-check.ts';
import { inferModelRole, POOLING_NAMES, type ModelRole } from './gguf-inspect-role.ts';

export type { ModelRole } from './gguf-inspect-role.ts';

/** node-llama-cpp's enums of GGUF file and tensor types (loaded with the parser, on first use). */
type TypeNames = Pick<typeof NodeLlamaCpp, 'GgmlType' | 'GgufFileType'>;

/** What a GGUF file's header says about it. Plain data (JSON-safe), for `trove models` and the app. */
export interface GgufInspection {
  readonly path: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly ggufVersion: number;
  readonly role: ModelRole;
  /** Why that role was inferred, e.g. "pooling type is rank". */
  readonly roleReason: string;
  readonly architecture: string | undefined;
  /** `general.name`. */
  readonly name: string | undefined;
  /** `general.size_label`, e.g. "1.5B", when the converter wrote one. */
  readonly sizeLabel: string | undefined;
  /** Elements of all tensors in the file (exact, counted from the tensor shapes). */
  readonly parameterCount: number;
  /** e.g. "Q4_K_M", "F16"; from `general.file_type`, else the type holding most of the weights. */
  readonly quantization: string | undefined;
  readonly contextLength: number | undefined;
  readonly embeddingLength: number | undefined;
  readonly blockCount: number | undefined;
  /** 'none' | 'mean' | 'cls' | 'last' | 'rank' when the file declares a pooling type. */
  readonly pooling: string | undefined;
  readonly hasChatTemplate: boolean;
  readonly license: string | undefined;
  readonly adapter: AdapterInfo | undefined;
}

export interface AdapterInfo {
  /** `adapter.type`, e.g. "lora". */
  readonly type: string | undefined;
  /** The architecture of the base model it was trained for (`general.architecture` of the adapter). */
  readonly baseArchitecture: string | undefined;
  /** `general.base_model.0.name`, when the converter recorded it. */
  readonly baseModel: string | undefined;
  /** LoRA rank r, read from the A/B matrix shapes; the largest when tensors differ. */
  readonly rank: number | undefined;
  /** `adapter.lora.alpha`; llama.cpp scales the update by alpha / r. */
  readonly alpha: number | undefined;
  /** Adapted weight kinds, e.g. ["attn_q", "attn_v", "ffn_up"]. */
  readonly targets: readonly string[];
}

/**
 * Reads a GGUF file's header (never its weights) and describes the model: role, architecture, size,
 * quantisation, context and embedding length, and for LoRA adapters base architecture, rank and alpha.
 * Validates the file first (checkGgufFile), so damaged files throw ModelError MODEL_NOT_FOUND / MODEL_INVALID.
 */
export async function inspectGguf(path: string): Promise<GgufInspection> {
  const summary = await checkGgufFile(path, 'any');
  const typeNames = await import('node-llama-cpp');
  const { info } = summary;
  const meta = info.metadata as unknown as Record<string, unknown>;
  const arch = summary.architecture;
  const archMeta = (arch !== undefined ? asRecord(meta[arch]) : undefined) ?? {};
  const tensors = info.tensorInfo ?? [];

  const name = str(get(meta, 'general.name'));
  const poolingType = num(archMeta.pooling_type);
  const { role, reason } = inferModelRole({
    fileType: summary.fileType,
    architecture: arch,
    poolingType,
    causalAttention: typeof get(archMeta, 'attention.causal') === 'boolean' ? (get(archMeta, 'attention.causal') as boolean) : undefined,
    names: [name, str(get(meta, 'general.basename')), ...tags(get(meta, 'general.tags')), basename(path)].filter((n): n is string => n !== undefined),
    tensorNames: tensors.map((t) => t.name),
  });

  return {
    path,
    fileName: basename(path),
    sizeBytes: summary.sizeBytes,
    ggufVersion: summary.version,
    role,
    roleReason: reason,
    architecture: arch,
    name,
    sizeLabel: str(get(meta, 'general.size_label')),
    parameterCount: tensors.reduce((sum, t) => sum + elements(t.dimensions), 0),
    quantization: quantization(num(get(meta, 'general.file_type')), info, typeNames),
    contextLength: num(archMeta.context_length),
    embeddingLength: num(archMeta.embedding_length),
    blockCount: num(archMeta.block_count),
    pooling: poolingType !== undefined ? POOLING_NAMES[poolingType] : undefined,
    hasChatTemplate: typeof get(meta, 'tokenizer.chat_template') === 'string',
    license: str(get(meta, 'general.license')),
    adapter: role === 'adapter' ? adapterInfo(meta, arch, info) : undefined,
  };
}

function adapterInfo(meta: Record<string, unknown>, arch: string | undefined, info: GgufFileInfo): AdapterInfo {
  let rank: number | undefined;
  const targets = new Set<string>();
  for (const t of info.tensorInfo ?? []) {
    // <weight>.lora_a has ggml dims [n_in, r] (and .lora_b [r, n_out]), as llama.cpp checks them.
    const match = /^(?:blk\.\d+\.)?(.+?)\.weight\.lora_a$/.exec(t.name);
    if (match === null) continue;
    targets.add(match[1] as string);
    const r = Number(t.dimensions[1] ?? 0);
    if (r > 0) rank = Math.max(rank ?? 0, r);
  }
  const baseModel = asRecord(get(meta, 'general.base_model'));
  return {
    type: str(get(meta, 'adapter.type')),
    baseArchitecture: arch,
    baseModel: str(asRecord(baseModel?.['0'])?.name),
    rank,
    alpha: num(get(meta, 'adapter.lora.alpha')),
    targets: [...targets].sort(),
  };
}

/** The quantisation name: `general.file_type` if present, else the tensor type holding the most elements. */
function quantization(fileType: number | undefined, info: GgufFileInfo, { GgmlType, GgufFileType }: TypeNames): string | undefined {
  if (fileType !== undefined) {
    const name = GgufFileType[fileType];
    if (name !== undefined) return name.replace(/^(MOSTLY|ALL)_/, '');
  }
  const byType = new Map<number, number>();
  for (const t of info.tensorInfo ?? []) byType.set(t.ggmlType, (byType.get(t.ggmlType) ?? 0) + elements(t.dimensions));
  const [dominant] = [...byType].sort((a, b) => b[1] - a[1]);
  return dominant === undefined ? undefined : (GgmlType[dominant[0]] ?? `type ${dominant[0]}`);
}

/** node-llama-cpp nests metadata by the dots of its keys ("general.name" → metadata.general.name). */
function get(obj: Record<string, unknown>, dotted: string): unknown {
  let cur: unknown = obj;
  for (const key of dotted.split('.')) cur = asRecord(cur)?.[key];
  return cur;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function tags(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function elements(dimensions: readonly (number | bigint)[]): number {
  return dimensions.reduce<number>((n, d) => n * Number(d), 1);
}
