import { afterAll, describe, expect, it } from 'vitest';
import type { Llama, LlamaOptions } from 'node-llama-cpp';
import { ModelError, TroveError } from '../../electron/core/errors.ts';
import { describeBackendReport, LlamaRuntime, openLlama, parseBackendChoice, type LlamaBackend, type LlamaLoader } from '../../native/llama.ts';
import { ensureTestModels } from '../../scripts/generate-test-models.ts';

/**
 * A loader that behaves like node-llama-cpp on a machine with the given GPUs detected, where loading the
 * `failing` backends throws. Loads return a stand-in Llama: openLlama only reads `.gpu` and calls dispose().
 */
function simulatedLoader(detected: readonly LlamaBackend[], failing: Partial<Record<LlamaBackend, Error>>, gives?: Partial<Record<LlamaBackend, LlamaBackend>>) {
  const calls: LlamaOptions[] = [];
  const disposed: string[] = [];
  const loader: LlamaLoader = {
    supportedGpus: async () => detected,
    async load(options) {
      calls.push(options);
      const backend: LlamaBackend = options.gpu === false ? 'cpu' : (options.gpu as LlamaBackend);
      const error = failing[backend];
      if (error !== undefined) throw error;
      const actual = gives?.[backend] ?? backend;
      return { gpu: actual === 'cpu' ? false : actual, dispose: async () => void disposed.push(backend) } as unknown as Llama;
    },
  };
  return { loader, calls, disposed };
}

const onLog = (): void => undefined;

describe('openLlama backend chain (simulated failures)', () => {
  it("'auto' tries detected GPUs in order, falls back to the CPU and says why each GPU was skipped", async () => {
    const sim = simulatedLoader(['cuda', 'vulkan'], { cuda: new Error('CUDA driver version is insufficient for CUDA runtime version'), vulkan: new Error('vkCreateInstance failed') });
    const { backend, report } = await openLlama({ threads: 1, backend: 'auto', onLog, loader: sim.loader });

    expect(backend).toBe('cpu');
    expect(report.requested).toBe('auto');
    expect(report.active).toBe('cpu');
    expect(report.tried).toEqual([
      { backend: 'metal', ok: false, reason: expect.stringMatching(/Metal/) },
      { backend: 'cuda', ok: false, reason: 'CUDA driver version is insufficient for CUDA runtime version' },
      { backend: 'vulkan', ok: false, reason: 'vkCreateInstance failed' },
      { backend: 'cpu', ok: true, reason: 'fallback' },
    ]);
    // Metal was not detected, so it was never loaded; every load was prebuilt-only, offline, with our thread cap.
    expect(sim.calls.map((c) => c.gpu)).toEqual(['cuda', 'vulkan', false]);
    for (const call of sim.calls) expect(call).toMatchObject({ build: 'never', skipDownload: true, maxThreads: 1 });
    expect(describeBackendReport(report)).toMatch(/^cpu \(metal: .*; cuda: CUDA driver.*; vulkan: vkCreateInstance failed\)$/);
  });

  it("'auto' uses the first GPU that initialises", async () => {
    const sim = simulatedLoader(['cuda', 'vulkan'], { cuda: new Error('out of device memory') });
    const { report } = await openLlama({ threads: 1, onLog, loader: sim.loader });
    expect(report.active).toBe('vulkan');
    expect(report.tried.map((t) => [t.backend, t.ok])).toEqual([
      ['metal', false],
      ['cuda', false],
      ['vulkan', true],
    ]);
  });

  it('an explicitly chosen GPU is tried even if not detected, and falls back to the CPU when it fails', async () => {
    const sim = simulatedLoader([], { vulkan: new Error('no Vulkan ICD found') });
    const { report } = await openLlama({ threads: 1, backend: 'vulkan', onLog, loader: sim.loader });
    expect(report).toEqual({
      requested: 'vulkan',
      active: 'cpu',
      tried: [
        { backend: 'vulkan', ok: false, reason: 'no Vulkan ICD found' },
        { backend: 'cpu', ok: true, reason: 'fallback' },
      ],
    });
  });

  it('refuses a binding that is not the backend asked for (node-llama-cpp hands back the CPU for Metal on Linux)', async () => {
    const sim = simulatedLoader(['metal'], {}, { metal: 'cpu' });
    const { report } = await openLlama({ threads: 1, backend: 'metal', onLog, loader: sim.loader });
    expect(report.tried[0]).toEqual({ backend: 'metal', ok: false, reason: expect.stringMatching(/not available on/) });
    expect(sim.disposed).toEqual(['metal']);
    expect(report.active).toBe('cpu');
  });

  it("'cpu' loads only the CPU backend", async () => {
    const sim = simulatedLoader(['cuda'], {});
    const { report } = await openLlama({ threads: 1, backend: 'cpu', onLog, loader: sim.loader });
    expect(report.tried).toEqual([{ backend: 'cpu', ok: true, reason: 'requested' }]);
    expect(sim.calls.map((c) => c.gpu)).toEqual([false]);
  });

  it('throws BACKEND_UNAVAILABLE listing every reason when nothing loads', async () => {
    const sim = simulatedLoader(['cuda'], { cuda: new Error('cuda broke'), cpu: new Error('illegal instruction') });
    const error = await openLlama({ threads: 1, onLog, loader: sim.loader }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('BACKEND_UNAVAILABLE');
    expect((error as ModelError).message).toMatch(/cuda: cuda broke; vulkan: no Vulkan driver found; cpu: illegal instruction/);
  });

  it('parses backend names from flags and the environment', () => {
    expect(parseBackendChoice(' CUDA ')).toBe('cuda');
    expect(parseBackendChoice('auto')).toBe('auto');
    const error = (() => {
      try {
        parseBackendChoice('opencl');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TroveError);
    expect((error as TroveError).code).toBe('INVALID_ARGUMENT');
  });
});

describe('LlamaRuntime on this machine (real node-llama-cpp)', () => {
  let runtime: LlamaRuntime | undefined;
  afterAll(async () => {
    await runtime?.dispose();
  });

  it("'auto' ends on the CPU here, says why the GPUs were skipped, and loads models with 0 GPU layers", async () => {
    runtime = await LlamaRuntime.create({ threads: 1, backend: 'auto' });
    const report = runtime.backendReport;
    expect(runtime.backend).toBe('cpu');
    expect(report.active).toBe('cpu');
    expect(report.tried.at(-1)).toEqual({ backend: 'cpu', ok: true, reason: 'fallback' });
    // This machine has no GPU: every GPU backend before the CPU was skipped, each with a reason.
    const skipped = report.tried.slice(0, -1);
    expect(skipped.map((t) => t.backend)).toEqual(['metal', 'cuda', 'vulkan']);
    for (const t of skipped) {
      expect(t.ok).toBe(false);
      expect(t.reason.length).toBeGreaterThan(5);
    }
    const model = await runtime.loadModel((await ensureTestModels()).model, { gpuLayers: 'max' });
    try {
      expect(model.gpuLayers).toBe(0); // the CPU backend ignores a GPU layer request instead of failing
    } finally {
      await model.dispose();
    }
  });
});
