/**
 * The indexing side of an engine, built on first use: engine.ts loads this module with a dynamic import, so a
 * search, a status or an answer over files that have not changed never loads the extractors, the chunker, the
 * ignore rules or the worker that reads files (docs/benchmarks.md, "Start-up").
 */
import { chunkBlocks } from '../chunk/chunker.ts';
import { BoundedExtractor, type ExtractLimits } from '../extract/bounded-extractor.ts';
import { whyUnsupported } from '../extract/file-support.ts';
import { readBoundedFile } from '../extract/read-file.ts';
import type { LeaseSettings } from './folder-lease.ts';
import { boundHeapGrowth } from './heap-growth.ts';
import { IndexService } from './index-service.ts';
import type { IndexerPorts } from './indexer.ts';

/** The engine's own ports; extraction, reading and the support check default to the real ones. */
export type IndexingDeps = Omit<IndexerPorts, 'extract' | 'readFile' | 'whyUnsupported' | 'chunk'> &
  Partial<Pick<IndexerPorts, 'extract' | 'readFile' | 'whyUnsupported'>> & {
    /** Time and memory limits of the extraction worker, when `extract` is not given. */
    readonly extractLimits?: Partial<ExtractLimits>;
  };

export interface OpenedIndexing {
  readonly service: IndexService;
  /** The extraction worker, when this opened one: the engine disposes of it. */
  readonly extractor?: BoundedExtractor;
}

/** `leasing`: with a shared index, a folder is indexed only while this client holds its lease. */
export function openIndexService({ extract, readFile, whyUnsupported: unsupported, extractLimits, ...ports }: IndexingDeps, leasing?: LeaseSettings): OpenedIndexing {
  // A process that indexes keeps its heaps near what is live (heap-growth.ts).
  boundHeapGrowth();
  const extractor = extract ? undefined : new BoundedExtractor(extractLimits);
  const service = new IndexService({
    ...ports,
    extract: extract ?? (extractor as BoundedExtractor).extract,
    readFile: readFile ?? readBoundedFile,
    whyUnsupported: unsupported ?? whyUnsupported,
    chunk: chunkBlocks,
  }, leasing);
  return extractor ? { service, extractor } : { service };
}
