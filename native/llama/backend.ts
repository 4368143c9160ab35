import { getLlama, getLlamaGpuTypes, LlamaLogLevel, NoBinaryFoundError, type Llama, type LlamaGpuType, type LlamaOptions } from 'node-llama-cpp';
import { ModelError } from '../../electron/core/errors.ts';

import type { BackendChoice, LlamaBackend } from './backend-choice.ts';

export { BACKEND_CHOICES, parseBackendChoice, type BackendChoice, type LlamaBackend } from './backend-choice.ts';

/** Order 'auto' tries. Metal first: on a Mac it is the only GPU backend, elsewhere it is skipped at once. */
const AUTO_ORDER: readonly LlamaBackend[] = ['metal', 'cuda', 'vulkan', 'cpu'];

export interface BackendAttempt {
  readonly backend: LlamaBackend;
  readonly ok: boolean;
  /** Why it was chosen or skipped, in words a user can act on. */
  readonly reason: string;
}

/** Which backend is active and why the ones before it were not used. */
export interface BackendReport {
  readonly requested: BackendChoice;
  readonly active: LlamaBackend;
  readonly tried: readonly BackendAttempt[];
}

/**
 * Port over node-llama-cpp's loader, so tests can make a backend fail without owning that GPU or driver.
 * `supportedGpus` lists the GPU types whose drivers/libraries node-llama-cpp detects on this machine.
 */
export interface LlamaLoader {
  supportedGpus(): Promise<readonly LlamaBackend[]>;
  load(options: LlamaOptions): Promise<Llama>;
}

export const nodeLlamaLoader: LlamaLoader = {
  async supportedGpus() {
    return (await getLlamaGpuTypes('supported')).filter((t): t is Exclude<LlamaGpuType, false> => t !== false);
  },
  load: (options) => getLlama(options),
};

export interface OpenedLlama {
  readonly llama: Llama;
  readonly backend: LlamaBackend;
  readonly report: BackendReport;
}

export interface OpenLlamaOptions {
  readonly threads: number;
  /** Default 'auto'. */
  readonly backend?: BackendChoice;
  readonly onLog: (level: LlamaLogLevel, message: string) => void;
  readonly loader?: LlamaLoader;
}

/**
 * Loads llama.cpp's native binding for the first backend in the chain that initialises, and reports every
 * step. 'auto' skips GPU backends whose driver is not detected (a failed CUDA/Vulkan load costs ~0.6 s);
 * an explicitly chosen GPU is always tried, and falls back to the CPU if it fails, because a slow answer
 * beats none. `build: 'never'` + `skipDownload`: the app ships prebuilt binaries and must never download or
 * compile llama.cpp (minutes of CPU, needs a toolchain and the network) on a user's machine.
 */
export async function openLlama(options: OpenLlamaOptions): Promise<OpenedLlama> {
  const requested = options.backend ?? 'auto';
  const loader = options.loader ?? nodeLlamaLoader;
  const chain = requested === 'auto' ? AUTO_ORDER : requested === 'cpu' ? (['cpu'] as const) : [requested, 'cpu' as const];
  const supported = requested === 'auto' ? await supportedOrNone(loader) : undefined;
  const tried: BackendAttempt[] = [];

  for (const backend of chain) {
    if (backend !== 'cpu' && supported !== undefined && !supported.includes(backend)) {
      tried.push({ backend, ok: false, reason: notDetectedReason(backend) });
      continue;
    }
    try {
      const llama = await loader.load({
        gpu: backend === 'cpu' ? false : backend,
        build: 'never',
        skipDownload: true,
        progressLogs: false,
        // Also caps the threads all contexts share, so parallel contexts split them instead of oversubscribing.
        maxThreads: options.threads,
        logLevel: LlamaLogLevel.warn,
        logger: options.onLog,
      });
      // node-llama-cpp quietly hands back a CPU binding when a GPU type does not apply (e.g. Metal on Linux).
      const got: LlamaBackend = llama.gpu === false ? 'cpu' : llama.gpu;
      if (got !== backend) {
        await llama.dispose();
        tried.push({ backend, ok: false, reason: `not available on ${process.platform}/${process.arch}` });
        continue;
      }
      tried.push({ backend, ok: true, reason: requested === backend ? 'requested' : tried.length === 0 ? 'preferred' : 'fallback' });
      return { llama, backend, report: { requested, active: backend, tried } };
    } catch (error) {
      tried.push({ backend, ok: false, reason: failureReason(backend, error) });
    }
  }
  const summary = tried.map((t) => `${t.backend}: ${t.reason}`).join('; ');
  throw new ModelError('BACKEND_UNAVAILABLE', '', `No llama.cpp backend could be loaded (${summary}).`);
}

/** Parses a --backend / TROVE_BACKEND value. */
/** One line for people, e.g. "cpu (cuda: no NVIDIA driver or CUDA runtime found; vulkan: …)". */
export function describeBackendReport(report: BackendReport): string {
  const skipped = report.tried.filter((t) => !t.ok).map((t) => `${t.backend}: ${t.reason}`);
  return skipped.length === 0 ? report.active : `${report.active} (${skipped.join('; ')})`;
}

async function supportedOrNone(loader: LlamaLoader): Promise<readonly LlamaBackend[] | undefined> {
  try {
    return await loader.supportedGpus();
  } catch {
    return undefined; // detection failed: try every backend instead of guessing
  }
}

function notDetectedReason(backend: LlamaBackend): string {
  switch (backend) {
    case 'cuda':
      return 'no NVIDIA driver or CUDA runtime found';
    case 'vulkan':
      return 'no Vulkan driver found';
    case 'metal':
      return process.platform === 'darwin' ? 'Metal is not supported on this Mac' : 'Metal is only available on macOS';
    case 'cpu':
      return 'not tried';
  }
}

function failureReason(backend: LlamaBackend, error: unknown): string {
  if (error instanceof NoBinaryFoundError) return `no usable prebuilt ${backend} binary (driver or libraries missing)`;
  const message = String((error as Error)?.message ?? error).split('\n')[0] ?? '';
  return message === '' ? 'failed to initialise' : message;
}
