/** Reads what the LoRA compatibility check needs from GGUF headers, without loading any weights. */
import type { LlamaModel } from 'node-llama-cpp';
import type { GgufShapes } from '../../electron/core/models/adapter-check.ts';

export async function readGgufShapes(path: string): Promise<GgufShapes> {
  // Loaded on first use, as in gguf-check.ts: the adapter list is read by commands that load no model.
  const { readGgufFileInfo } = await import('node-llama-cpp');
  const info = await readGgufFileInfo(path, { sourceType: 'filesystem', readTensorInfo: true, logWarnings: false, spliceSplitFiles: false });
  return toShapes(path, info.metadata as unknown as Record<string, unknown>, info.tensorInfo ?? []);
}

/** The loaded model's shapes (node-llama-cpp keeps the parsed header of every loaded model). */
export function modelShapes(path: string, model: LlamaModel): GgufShapes {
  return toShapes(path, model.fileInfo.metadata as unknown as Record<string, unknown>, model.fileInfo.tensorInfo ?? []);
}

function toShapes(
  path: string,
  metadata: Record<string, unknown>,
  tensors: readonly { readonly name: string; readonly dimensions: readonly (number | bigint)[] }[],
): GgufShapes {
  const general = metadata.general as { architecture?: unknown; type?: unknown } | undefined;
  const adapter = metadata.adapter as { type?: unknown; lora?: { alpha?: unknown } } | undefined;
  return {
    path,
    architecture: typeof general?.architecture === 'string' ? general.architecture : undefined,
    fileType: typeof general?.type === 'string' ? general.type : undefined,
    adapterType: typeof adapter?.type === 'string' ? adapter.type : undefined,
    tensors: new Map(tensors.map((t) => [t.name, t.dimensions.map(Number)])),
  };
}
