/**
 * Comparing two configurations on the same questions. Differences are paired per question, and a 95%
 * confidence interval comes from a paired bootstrap over questions (resampling which questions were asked).
 * A difference counts as real only when that interval excludes zero AND it is larger than the run-to-run
 * noise measured by repeating a configuration (retrieval is deterministic, so its noise is usually 0;
 * sampled answers are not).
 */
import { mulberry32 } from '../random.ts';
import { mean, percentile } from './stats.ts';

export interface PairedDifference {
  /** Mean of b − a over the questions. */
  readonly difference: number;
  readonly ci95: readonly [number, number];
  /** The largest difference between repeated runs of the same configuration (0 when not repeated). */
  readonly noise: number;
  readonly significant: boolean;
}

export function pairedDifference(
  a: readonly number[],
  b: readonly number[],
  options: { resamples?: number; seed?: number; noise?: number } = {},
): PairedDifference {
  if (a.length !== b.length) throw new Error(`Paired comparison needs equal lengths (${a.length} vs ${b.length})`);
  const deltas = b.map((value, index) => value - (a[index] ?? 0));
  const noise = options.noise ?? 0;
  if (deltas.length === 0) return { difference: 0, ci95: [0, 0], noise, significant: false };
  const random = mulberry32(options.seed ?? 1);
  const resampled: number[] = [];
  for (let r = 0; r < (options.resamples ?? 2000); r++) {
    let sum = 0;
    for (let i = 0; i < deltas.length; i++) sum += deltas[Math.floor(random() * deltas.length)] ?? 0;
    resampled.push(sum / deltas.length);
  }
  const ci95: [number, number] = [percentile(resampled, 2.5), percentile(resampled, 97.5)];
  const difference = mean(deltas);
  const excludesZero = ci95[0] > 0 || ci95[1] < 0;
  return { difference, ci95, noise, significant: excludesZero && Math.abs(difference) > noise };
}

/** Run-to-run noise of one configuration: the largest gap between the means of its repeated runs. */
export function runToRunNoise(runs: readonly (readonly number[])[]): number {
  const means = runs.map((run) => mean(run));
  return means.length < 2 ? 0 : Math.max(...means) - Math.min(...means);
}
