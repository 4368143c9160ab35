/**
 * How far V8 lets a heap grow past what is live before it collects, in a process that indexes. By default V8
 * lets an old generation grow to several times its live size (and to at least its initial size) on a machine with
 * memory to spare: indexing `/usr/share/doc`, the engine's thread held 12–50 MB live but its heap reached 230 MB
 * of garbage between full collections (every file's document, chunks and full-text rows die after its write), and
 * the extraction worker did the same. Limiting growth to 30 % of the live size makes full collections more
 * frequent but each is small (the live set is); see docs/benchmarks.md for the peak and the time.
 *
 * `--heap-growing-percent` is a V8 flag read at every full collection, so setting it once the process runs takes
 * effect from the next one, for every thread of the process (the extraction and search workers too).
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

let bounded = false;

/** Once per process: later calls do nothing. */
export function boundHeapGrowth(): void {
  if (bounded) return;
  bounded = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
