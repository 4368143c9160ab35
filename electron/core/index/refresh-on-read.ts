/**
 * Answers cite what the files hold now, watcher or not. Before a search's hits reach the answerer, the files
 * behind them are stat'ed and compared with the index (freshness.ts; nothing is read). Changed files are brought
 * up to date through the job queue — at once while they fit a byte budget, queued for the next indexing run
 * otherwise — deleted and now-excluded files are removed, and the search runs once more. After that one round,
 * hits whose file still does not match its index entry (too large to re-index now, changed again meanwhile,
 * in a paused or vanished folder) are left out and said so in `notices`; there is no second round.
 */
import { DEFAULT_K, type SearchHit, type SearchOptions, type SearchResponse } from '../search/searcher.ts';
import { diskChange, type DiskChange, type StoredFacts } from './freshness.ts';

export type SearchPort = (query: string, options: SearchOptions) => Promise<SearchResponse>;

export interface IndexedFile {
  readonly folderId: number;
  readonly path: string;
}

export interface RefreshPorts {
  /** The stat facts the index stored for a path. */
  readonly stored: (path: string) => Promise<StoredFacts>;
  /**
   * The paths among `files` now outside their folder's scope (ignore rules, settings, folder forgotten), by
   * rules read afresh: with no watcher to see an ignore file change, a long-lived engine would judge by old ones.
   */
  readonly excluded: (files: readonly IndexedFile[]) => Promise<ReadonlySet<string>>;
  /** Brings these files' index entries in line with the disk now: indexed again, or removed. */
  readonly refreshNow: (files: readonly IndexedFile[]) => Promise<void>;
  /** Queues these files for the next indexing run (`trove index`, or the watcher). */
  readonly queue: (files: readonly IndexedFile[]) => Promise<void>;
  /** Bytes of changed files re-indexed while the question waits; a file that does not fit is queued. */
  readonly budgetBytes: number;
}

const MiB = 1024 * 1024;
/**
 * Without an embedding model the pipeline (read, hash, extract, chunk, analyse, write) indexes ~2 MB/s on the
 * 2-core development machine (docs/benchmarks.md: a 10 MB file in ~1.1 s), so 2 MiB adds about a second to an
 * answer, small next to generation, and covers nearly every document people edit by hand.
 */
export const REFRESH_BUDGET_BYTES = 2 * MiB;
/**
 * With an embedding model, embedding is ≥ 95% of indexing time (0.1 MB/s even with the 2-layer test model), so
 * the same second buys about 16× less text: 128 KiB, a long Markdown or text file, ~80 chunks.
 */
export const REFRESH_BUDGET_BYTES_WITH_EMBEDDINGS = 128 * 1024;

interface Checked {
  readonly file: IndexedFile;
  readonly change: DiskChange;
}

/** Wraps `search` so that every hit it returns comes from a file whose index entry matches the disk. */
export function refreshOnRead(search: SearchPort, ports: RefreshPorts): SearchPort {
  return async (query, options) => {
    const first = await search(query, options);
    const checked = await checkFiles(first.results, ports);
    if (checked.every((c) => c.change.kind === 'unchanged')) return first;

    const plan = planRefresh(checked, ports.budgetBytes);
    await ports.queue(plan.later.map((c) => c.file));
    await ports.refreshNow(plan.now.map((c) => c.file));
    const k = Math.max(1, Math.floor(options.k ?? DEFAULT_K));
    // Passages of queued files come back and are dropped: ask for that many more so k can still be filled.
    const queuedHits = first.results.filter((hit) => plan.later.some((c) => c.file.path === hit.path)).length;
    const second = await search(query, { ...options, k: k + queuedHits });
    const recheck = await checkFiles(second.results, ports);
    const untrusted = new Set(recheck.filter((c) => c.change.kind !== 'unchanged').map((c) => c.file.path));
    const leftOut = recheck.filter((c) => untrusted.has(c.file.path) && !plan.later.some((l) => l.file.path === c.file.path));
    await ports.queue(leftOut.map((c) => c.file));
    return {
      ...second,
      results: second.results.filter((hit) => !untrusted.has(hit.path)).slice(0, k),
      notices: [...second.notices, ...refreshNotices(plan, leftOut)],
    };
  };
}

/** Each distinct file behind the hits, in rank order, with how it compares with its index entry. */
async function checkFiles(hits: readonly SearchHit[], ports: RefreshPorts): Promise<Checked[]> {
  const byPath = new Map<string, IndexedFile>();
  for (const hit of hits) if (!byPath.has(hit.path)) byPath.set(hit.path, { folderId: hit.folderId, path: hit.path });
  const files = [...byPath.values()];
  const excluded = files.length > 0 ? await ports.excluded(files) : new Set<string>();
  return Promise.all(
    files.map(async (file): Promise<Checked> => {
      // An excluded file must leave the index like a deleted one; the job runner removes it.
      if (excluded.has(file.path)) return { file, change: { kind: 'gone' } };
      return { file, change: await diskChange(file.path, await ports.stored(file.path)) };
    }),
  );
}

interface RefreshPlan {
  /** Changed files that fit the budget, and deleted or excluded ones (removing costs no read). */
  readonly now: readonly Checked[];
  /** Changed files over what is left of the budget. */
  readonly later: readonly (Checked & { readonly size: number })[];
}

function planRefresh(checked: readonly Checked[], budgetBytes: number): RefreshPlan {
  const now: Checked[] = [];
  const later: (Checked & { size: number })[] = [];
  let left = budgetBytes;
  for (const item of checked) {
    const { change } = item;
    if (change.kind === 'unchanged') continue;
    if (change.kind === 'gone') now.push(item);
    else if (change.size <= left) {
      now.push(item);
      left -= change.size;
    } else later.push({ ...item, size: change.size });
  }
  return { now, later };
}

function refreshNotices(plan: RefreshPlan, leftOut: readonly Checked[]): string[] {
  const notices: string[] = [];
  if (plan.now.length > 0) notices.push(`Brought ${plan.now.length} file(s) that changed or were deleted since indexing up to date before answering.`);
  for (const { file, size } of plan.later) {
    notices.push(
      `${file.path} changed since it was indexed and is too large to re-index while you wait (${(size / MiB).toFixed(1)} MiB): ` +
        'its passages were left out, and it is queued for `trove index` (or a running `trove watch`).',
    );
  }
  for (const { file } of leftOut) {
    notices.push(`${file.path} does not match its index entry and could not be re-indexed now (changed again, paused or unavailable): its passages were left out.`);
  }
  return notices;
}
