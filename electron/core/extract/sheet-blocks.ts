/**
 * Spreadsheets (XLSX, ODS) as blocks: one table per sheet, its rows grouped like CSV rows (row-groups.ts), the
 * header row (the sheet's first row with content) repeated at the top of every group so a passage found on its
 * own still says what its columns are. Lines are the sheet's own row numbers and the heading is the sheet's
 * name, so a citation reads "Sheet1, rows 2–40".
 */
import type { TextBlock } from '../types.ts';
import type { Extraction } from './block.ts';
import { MAX_BLOCK_CHARS, sizedGroups } from './row-groups.ts';

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
    // The repeated header counts against the group's size, so a group with it still fits one chunk.
    for (const group of sizedGroups(rendered, Math.max(MAX_BLOCK_CHARS / 4, MAX_BLOCK_CHARS - header.text.length - 1))) {
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
