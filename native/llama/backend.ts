import { getLlama, LlamaLogLevel, NoBinaryFoundError, type Llama } from 'node-llama-cpp';
import { ModelError } from '../../electron/core/errors.ts';

/**
 * Compute backends in order of preference. Only the CPU for now; GPU backends ('cuda', 'vulkan', 'metal')
 * join this list later, and openLlama then falls back along it when a driver or binary is missing.
 */
export type LlamaBackend = 'cpu';

const BACKEND_PREFERENCE: readonly LlamaBackend[] = ['cpu'];

export interface OpenedLlama {
  readonly llama: Llama;
  readonly backend: LlamaBackend;
}

/**
 * Loads llama.cpp's native binding for the first backend that works. `build: 'never'`: the app ships prebuilt
 * binaries and must never start compiling llama.cpp (minutes of CPU, needs a toolchain) on a user's machine.
 */
export async function openLlama(options: {
  readonly threads: number;
  readonly backends?: readonly LlamaBackend[];
  readonly onLog: (level: LlamaLogLevel, message: string) => void;
}): Promise<OpenedLlama> {
  const failures: string[] = [];
  for (const backend of options.backends ?? BACKEND_PREFERENCE) {
    try {
      const llama = await getLlama({
        gpu: false,
        build: 'never',
        // Also caps the threads all contexts share, so parallel contexts split them instead of oversubscribing.
        maxThreads: options.threads,
        logLevel: LlamaLogLevel.warn,
        logger: options.onLog,
      });
      return { llama, backend };
    } catch (error) {
      const reason = error instanceof NoBinaryFoundError ? 'no prebuilt binary for this platform' : String((error as Error)?.message ?? error);
      failures.push(`${backend}: ${reason}`);
    }
  }
  throw new ModelError('BACKEND_UNAVAILABLE', '', `No llama.cpp backend could be loaded (${failures.join('; ')}).`);
}
