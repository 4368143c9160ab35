import os from 'node:os';

/**
 * Threads for llama.cpp compute. Set explicitly because llama.cpp/node-llama-cpp default to at least 4 (or
 * one per logical core), which oversubscribes small machines: on 2 cores the spinning worker threads contend
 * and evaluation gets ~100x slower. Beyond 4 threads tiny and embedding models gain little while starving the
 * UI and the indexer, so cap there; callers that know better pass their own count.
 */
export function defaultThreadCount(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/**
 * Threads for an embedding context, which works while the indexer extracts, chunks and writes in the same
 * process (and the extraction worker beside it): one core is left to that work. llama.cpp's threads spin while
 * they wait for each other, so a step that loses a core to the pipeline waits for it: on 2 cores, indexing with
 * the bge-small shape ran at 0.8 chunks/s with 2 embedding threads and 2.7 with one (scripts/bench/zoo-index.ts,
 * docs/benchmarks.md, issue 12). From 5 cores on this is defaultThreadCount's 4.
 */
export function embeddingThreadCount(cores: number = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}
