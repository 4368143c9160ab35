/**
 * Seeded synthetic data for vector and search benchmarks (and the recall tests): clustered unit vectors with
 * a shared offset, like real embeddings that sit in a narrow cone, and text drawn from a Zipf-like vocabulary
 * so BM25 sees realistic posting-list lengths. Same seed, same data.
 */

import { mulberry32 as seededRandom } from '../../electron/core/random.ts';

/** The engine's seeded PRNG (mulberry32), under the name the benchmarks use. */
export { seededRandom };

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || Number.MIN_VALUE)) * Math.cos(2 * Math.PI * random());
}

export interface ClusteredVectorOptions {
  readonly dimensions: number;
  /** Topics. Each has `subtopics` subtopics around it, and vectors scatter around a subtopic. */
  readonly clusters: number;
  readonly subtopics?: number;
  /** Spread of subtopics around their topic, relative to the spread of topics. */
  readonly subtopicSpread?: number;
  /** Spread of vectors around their subtopic, relative to the spread of topics. */
  readonly noise?: number;
  /** Length of the offset every vector shares, relative to a centre: 0 = centred data, 1 ≈ cosine 0.3 between random pairs. */
  readonly offset?: number;
  readonly seed?: number;
}

/**
 * Draws unit vectors from a two-level mixture (topics, then subtopics) around a shared offset, so a vector
 * has a few close neighbours, more at middle distance and a far majority: a flat mixture would make the
 * top 10 an arbitrary pick among hundreds of equidistant points.
 */
export class ClusteredVectors {
  private readonly random: () => number;
  private readonly centres: Float32Array[];
  private readonly shared: Float32Array;
  private readonly subcentres = new Map<number, Float32Array>();

  constructor(private readonly options: ClusteredVectorOptions) {
    this.random = seededRandom(options.seed ?? 1);
    const { dimensions, clusters } = options;
    this.centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dimensions }, () => gaussian(this.random)));
    const offset = options.offset ?? 1;
    this.shared = Float32Array.from({ length: dimensions }, () => gaussian(this.random) * offset);
  }

  next(): Float32Array {
    const { dimensions, noise = 0.5, subtopics = 25, subtopicSpread = 0.8 } = this.options;
    const topic = Math.floor(this.random() * this.centres.length);
    const key = topic * subtopics + Math.floor(this.random() * subtopics);
    let sub = this.subcentres.get(key);
    if (!sub) {
      const centre = this.centres[topic] as Float32Array;
      sub = Float32Array.from(centre, (value) => value + subtopicSpread * gaussian(this.random));
      this.subcentres.set(key, sub);
    }
    const vector = new Float32Array(dimensions);
    let norm = 0;
    for (let i = 0; i < dimensions; i++) {
      const value = (sub[i] as number) + noise * gaussian(this.random) + (this.shared[i] as number);
      vector[i] = value;
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] as number) / norm;
    return vector;
  }
}

/** Words with Zipf-distributed frequencies (rank r drawn with probability ∝ 1 / r). */
export class ZipfText {
  private readonly random: () => number;
  private readonly words: string[];
  private readonly cumulative: Float64Array;

  constructor(vocabulary: number, seed = 2) {
    this.random = seededRandom(seed);
    this.words = Array.from({ length: vocabulary }, (_, rank) => syllables(rank));
    this.cumulative = new Float64Array(vocabulary);
    let sum = 0;
    for (let rank = 0; rank < vocabulary; rank++) this.cumulative[rank] = sum += 1 / (rank + 1);
    for (let rank = 0; rank < vocabulary; rank++) this.cumulative[rank] = (this.cumulative[rank] as number) / sum;
  }

  word(): string {
    const target = this.random();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return this.words[low] as string;
  }

  /** The word of a frequency rank (0 = most frequent), to build queries of known selectivity. */
  wordAt(rank: number): string {
    return this.words[rank] as string;
  }

  text(words: number): string {
    return Array.from({ length: words }, () => this.word()).join(' ');
  }
}

/** A pronounceable, unique, stemmer-stable word for a rank ("kabo", "tesu", ...). */
function syllables(rank: number): string {
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aiou';
  let word = '';
  let n = rank + consonants.length * vowels.length;
  while (n > 0) {
    word += (consonants[n % consonants.length] as string) + (vowels[Math.floor(n / consonants.length) % vowels.length] as string);
    n = Math.floor(n / (consonants.length * vowels.length));
  }
  return word;
}
