/** Statistics helpers for benchmarks: the engine's own percentile code, plus a timer. */
export { median, percentile } from '../../electron/core/eval/stats.ts';

export async function timeMs(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
