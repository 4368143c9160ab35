/** `trove search "<query>"`: ranked passages with file and line (or page) spans. */
import type { FreshSearchHit } from '../../core/engine.ts';
import type { SearchMode } from '../../core/search/searcher.ts';
import { searchOptions } from '../../api/requests.ts';
import { citation, searchResponseJson } from '../../api/result-json.ts';
import { formatSpan } from '../../core/answer/prompt.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

interface SearchCommandOptions extends GlobalOptions {
  readonly k: number;
  readonly mode: SearchMode;
  readonly folder?: string[];
  readonly type?: string[];
}

export async function runSearch(query: string, options: SearchCommandOptions): Promise<void> {
  await withEngine({ ...options, loadEmbedder: options.mode !== 'bm25', sharedStore: 'supported' }, async (engine) => {
    const response = await engine.search(query, searchOptions(engine, options));
    if (options.json) {
      printJson(searchResponseJson(response));
      return;
    }
    for (const notice of response.notices) process.stderr.write(`trove: ${notice}\n`);
    if (response.results.length === 0) process.stdout.write('No matches.\n');
    response.results.forEach((hit, index) => process.stdout.write(formatHit(hit, index + 1)));
  });
}

function formatHit(hit: FreshSearchHit, rank: number): string {
  const snippet = hit.text.replace(/\s+/g, ' ').trim();
  const short = snippet.length > 240 ? `${snippet.slice(0, 239)}…` : snippet;
  const heading = hit.heading ? `   ${hit.heading}\n` : '';
  const stale = hit.stale ? '  [changed on disk since indexed]' : '';
  const copies = hit.alsoIn.length > 0 ? `   also in ${hit.alsoIn.map(citation).join(', ')}\n` : '';
  return `${rank}. ${formatSpan(hit)}  (score ${hit.score.toFixed(3)})${stale}\n${heading}   ${short}\n${copies}\n`;
}
