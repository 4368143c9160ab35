/**
 * One search's own time in a fresh process, as `trove search` runs it: the engine opened first (not timed), then
 * one BM25 search timed, its code not yet compiled by V8's optimising tiers and SQLite's page cache empty. Prints
 * the milliseconds. Used by startup.ts next to the same search timed in a process that has searched before.
 *
 *   npx tsx scripts/bench/search-once.ts <data dir> <query>
 */
import { openEngine } from '../../electron/core/open-engine.ts';
import { timeMs } from './stats.ts';

const [dataDir, query] = process.argv.slice(2);
if (!dataDir || !query) throw new Error('usage: search-once.ts <data dir> <query>');
const engine = await openEngine({ dataDir });
const ms = await timeMs(() => engine.search(query, { mode: 'bm25', k: 10 }));
await engine.dispose();
process.stdout.write(`${ms}\n`);
