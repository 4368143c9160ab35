/** How both stores keep an indexed document's extraction notices: as its error code and one message line. */
import type { ExtractionNotice } from '../types.ts';

/** One code and one line for a document's notices: the first notice's code, every page named (up to a few). */
export function noticeSummary(notices: readonly ExtractionNotice[]): { code: string; message: string } | undefined {
  const first = notices[0];
  if (!first) return undefined;
  const shown = notices.slice(0, 3).map((notice) => (notice.page === undefined ? notice.message : `page ${notice.page}: ${notice.message}`));
  const more = notices.length > shown.length ? ` (and ${notices.length - shown.length} more pages)` : '';
  return { code: first.code, message: `${shown.join(' ')}${more}` };
}
