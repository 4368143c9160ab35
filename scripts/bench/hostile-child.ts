/**
 * One indexing run for scripts/bench/hostile.ts, in its own process so that its peak RSS is the indexer's
 * alone (worker threads included: they live in this process). Prints one JSON line.
 * Run: node --import tsx scripts/bench/hostile-child.ts <folder> <data dir> [races]
 */
import { join } from 'node:path';
import { Engine } from '../../electron/core/engine.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { raceReader } from '../../tests/helpers/hostile-corpus.ts';

const [folder, dataDir, races] = process.argv.slice(2) as [string, string, string | undefined];
const engine = new Engine({ store: Store.open(join(dataDir, 'trove.db')), ...(races === 'races' ? { readFile: raceReader(folder) } : {}) });
const started = performance.now();
const [summary] = await engine.index([folder]);
const ms = performance.now() - started;
const byCode: Record<string, number> = {};
for (const problem of engine.status().problems) byCode[problem.code] = (byCode[problem.code] ?? 0) + 1;
await engine.dispose();
process.stdout.write(`${JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, summary, byCode })}\n`);
