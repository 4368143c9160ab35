/**
 * Spreadsheets (XLSX, ODS) as blocks: one table per sheet, its rows grouped like CSV rows (row-groups.ts), the
 * header row (the sheet's first row with content) repeated at the top of every group so a passage found on its
 * own still says what its columns are. Lines are the sheet's own row numbers and the heading is the sheet's
 * name, so a citation reads "Sheet1, rows 2–40".
 */
import type { TextBlock } from '../types.ts';
import type { Extraction } from './block.ts';
import { estimateTokens } from '../chunk/estimate-tokens.ts';
import { sizedGroups } from './row-groups.ts';

export interface SheetRow {
  /** 1-based row number in the sheet. */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface Sheet {
  readonly name: string;
  /** Rows with content, in order. */
  readonly rows: readonly SheetRow[];
}

interface RenderedRow {
  readonly row: number;
  readonly text: string;
}

export const CELL_SEPARATOR = ' | ';
const MAX_ROWS_PER_GROUP = 500;
/**
 * Estimated tokens of one group with its header: under the chunker's default 400 (DEFAULT_CHUNKING) less its 60 of
 * overlap, so a group is one chunk. Smaller chunk sizes (an eval variant) cut groups, and their later parts lose
 * the header.
 */
const GROUP_TOKENS = 320;

export function sheetBlocks(sheets: readonly Sheet[]): Extraction {
  const blocks: TextBlock[] = [];
  let offset = 0;
  for (const sheet of sheets) {
    const rendered = sheet.rows.flatMap((row): RenderedRow[] => {
      const text = renderCells(row.cells);
      return text === '' ? [] : [{ row: row.row, text }];
    });
    const header = rendered[0];
    if (!header) continue;
    // Groups are as large as a default chunk holds with its header, however short the rows: the header is
    // repeated once per chunk rather than every 25 rows, and a group is never cut (which would lose the header).
    const maxSize = Math.max(GROUP_TOKENS / 4, GROUP_TOKENS - estimateTokens(header.text));
    for (const group of sizedGroups(rendered, { maxSize, maxRecords: MAX_ROWS_PER_GROUP, sizeOf: (r) => estimateTokens(r.text) })) {
      const first = group[0] as RenderedRow;
      const last = group.at(-1) as RenderedRow;
      const lines = first === header ? group.map((r) => r.text) : [header.text, ...group.map((r) => r.text)];
      const text = lines.join('\n');
      blocks.push({ kind: 'table', text, headingPath: [sheet.name], startLine: first.row, endLine: last.row, startChar: offset, endChar: offset + text.length });
      offset += text.length + 1;
    }
  }
  return { blocks };
}

/** A row's cells, line breaks inside a cell flattened, empty cells at its end dropped. */
function renderCells(cells: readonly string[]): string {
  const values = cells.map((cell) => cell.replace(/\s+/g, ' ').trim());
  while (values.length > 0 && values.at(-1) === '') values.pop();
  return values.join(CELL_SEPARATOR);
}
