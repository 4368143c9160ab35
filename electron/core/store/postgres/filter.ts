/** The folder and type filter of a search as SQL over `d` (documents), with $n parameters from `firstParam` on. */
import type { SearchFilter } from '../../ports.ts';

export function filterClause(filter: SearchFilter, firstParam: number): { clause: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.folderIds && filter.folderIds.length > 0) {
    params.push(filter.folderIds);
    parts.push(`d.folder_id = ANY($${firstParam + params.length - 1}::int[])`);
  }
  if (filter.types && filter.types.length > 0) {
    params.push(filter.types);
    const at = firstParam + params.length - 1;
    parts.push(`(d.ext = ANY($${at}::text[]) OR d.format = ANY($${at}::text[]))`);
  }
  return { clause: parts.map((part) => `AND ${part}`).join(' '), params };
}
