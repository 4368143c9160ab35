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
