/**
 * OpenDocument spreadsheets (ODS): each `table:table` of content.xml a sheet. Cells are read as displayed (their
 * paragraphs), empty rows and cells are counted, not kept. Repeated rows and cells (`number-rows-repeated`, which
 * files use to fill a sheet to its last row) are expanded only when they hold text, within a budget of cells, so
 * a small file cannot declare a table of billions.
 */
import type { Extraction } from './block.ts';
import { FormatFailure } from './format-failure.ts';
import { odfContent, odfInlineText } from './odf-text.ts';
import { sheetBlocks, type Sheet, type SheetRow } from './sheet-blocks.ts';
import { attribute, childElements, descendants, localName, type XmlElement } from './xml-tree.ts';

const WHAT = 'The spreadsheet';
/** Most cells with text one workbook may expand to (a million: far beyond a sheet worth reading as text). */
const MAX_CELLS = 1_000_000;

export async function extractOds(bytes: Uint8Array): Promise<Extraction> {
  const content = await odfContent(bytes, WHAT);
  const budget = { cells: MAX_CELLS };
  const sheets: Sheet[] = descendants(content, 'table').map((table) => ({
    name: attribute(table, 'table:name') ?? 'Sheet',
    rows: sheetRows(table, budget),
  }));
  return sheetBlocks(sheets);
}

function sheetRows(table: XmlElement, budget: { cells: number }): SheetRow[] {
  const rows: SheetRow[] = [];
  let rowNumber = 0;
  for (const row of tableRows(table)) {
    const repeat = repeated(row, 'number-rows-repeated');
    const cells = rowCells(row, budget);
    if (cells.some((cell) => cell !== '')) {
      for (let i = 0; i < repeat; i++) {
        spend(budget, cells.length);
        rows.push({ row: rowNumber + i + 1, cells });
      }
    }
    rowNumber += repeat;
  }
  return rows;
}

/** Rows directly in the table and in its header-row, row-group and rows wrappers, in order. */
function tableRows(parent: XmlElement): XmlElement[] {
  return childElements(parent).flatMap((child) => {
    const name = localName(child.name);
    if (name === 'table-row') return [child];
    if (name === 'table-header-rows' || name === 'table-row-group' || name === 'table-rows') return tableRows(child);
    return [];
  });
}

function rowCells(row: XmlElement, budget: { cells: number }): string[] {
  const cells: string[] = [];
  let column = 0;
  for (const cell of childElements(row)) {
    const name = localName(cell.name);
    if (name !== 'table-cell' && name !== 'covered-table-cell') continue;
    const repeat = repeated(cell, 'number-columns-repeated');
    const text = cellText(cell);
    if (text !== '') {
      spend(budget, repeat);
      for (let i = 0; i < repeat; i++) cells[column + i] = text;
    }
    column += repeat;
  }
  return Array.from(cells, (cell) => cell ?? '');
}

function cellText(cell: XmlElement): string {
  const paragraphs = childElements(cell).filter((child) => localName(child.name) === 'p');
  if (paragraphs.length > 0) return paragraphs.map(odfInlineText).join('\n').trim();
  return (attribute(cell, 'office:date-value') ?? attribute(cell, 'office:value') ?? attribute(cell, 'office:string-value') ?? '').trim();
}

function repeated(element: XmlElement, name: string): number {
  const value = Number(attribute(element, `table:${name}`) ?? '1');
  return Number.isSafeInteger(value) && value > 0 ? value : 1;
}

function spend(budget: { cells: number }, cells: number): void {
  budget.cells -= cells;
  if (budget.cells < 0) throw new FormatFailure('TOO_LARGE', `${WHAT} expands to more than ${MAX_CELLS.toLocaleString('en-US')} cells with text; Trove reads at most that.`);
}
