/** `trove search "<query>"`: ranked passages with file and line (or page) spans. */
import type { SearchHit, SearchMode } from '../../core/search/searcher.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

interface SearchCommandOptions extends GlobalOptions {
  readonly k: number;
  readonly mode: SearchMode;
  readonly folder?: string[];
  readonly type?: string[];
}

export async function runSearch(query: string, options: SearchCommandOptions): Promise<void> {
  await withEngine({ ...options, loadEmbedder: options.mode !== 'bm25' }, async (engine) => {
    const response = await engine.search(query, {
      k: options.k,
      mode: options.mode,
      folderIds: options.folder ? engine.folderIds(options.folder) : undefined,
      types: options.type?.flatMap((type) => type.split(',')).map((type) => type.replace(/^\./, '').toLowerCase()),
    });
    if (options.json) {
      printJson({ mode: response.mode, notices: response.notices, results: response.results.map(toJson) });
      return;
    }
    for (const notice of response.notices) process.stderr.write(`trove: ${notice}\n`);
    if (response.results.length === 0) process.stdout.write('No matches.\n');
    response.results.forEach((hit, index) => process.stdout.write(formatHit(hit, index + 1)));
  });
}

function toJson(hit: SearchHit & { stale: boolean }) {
  return {
    path: hit.path,
    startLine: hit.startLine,
    endLine: hit.endLine,
    page: hit.page,
    score: hit.score,
    heading: hit.heading,
    text: hit.text,
    indexedAt: new Date(hit.indexedAt).toISOString(),
    stale: hit.stale,
    alsoIn: hit.alsoIn.map(citation),
  };
}

export function citation(hit: Pick<SearchHit, 'path' | 'startLine' | 'endLine' | 'page'>): string {
  const lines = hit.startLine === hit.endLine ? `${hit.startLine}` : `${hit.startLine}-${hit.endLine}`;
  return hit.page === null ? `${hit.path}:${lines}` : `${hit.path}#page=${hit.page}`;
}

function formatHit(hit: SearchHit & { stale: boolean }, rank: number): string {
  const snippet = hit.text.replace(/\s+/g, ' ').trim();
  const short = snippet.length > 240 ? `${snippet.slice(0, 239)}…` : snippet;
  const heading = hit.heading ? `   ${hit.heading}\n` : '';
  const stale = hit.stale ? '  [changed on disk since indexed]' : '';
  const copies = hit.alsoIn.length > 0 ? `   also in ${hit.alsoIn.map(citation).join(', ')}\n` : '';
  return `${rank}. ${citation(hit)}  (score ${hit.score.toFixed(3)})${stale}\n${heading}   ${short}\n${copies}\n`;
}
