/**
 * Excel workbooks (XLSX) via exceljs, after the zip-bomb checks (exceljs inflates whole parts itself). Each
 * worksheet's cells as shown: formulas by their cached result, dates as ISO dates, rich text as its text.
 */
import type ExcelJs from 'exceljs';
import type { Extraction } from './block.ts';
import { FormatFailure } from './format-failure.ts';
import { sheetBlocks, type Sheet, type SheetRow } from './sheet-blocks.ts';
import { openZipPackage } from './zip-package.ts';

type ExcelModule = typeof ExcelJs;
type CellValue = ExcelJs.CellValue;

const WHAT = 'The spreadsheet';

/** Loaded on first use: exceljs is large and most folders hold no workbook. */
let excelModule: Promise<ExcelModule> | undefined;

export async function extractXlsx(bytes: Uint8Array): Promise<Extraction> {
  excelModule ??= import('exceljs').then((module) => (module as unknown as { default: ExcelModule }).default ?? module);
  const excel = await excelModule;
  await openZipPackage(bytes, WHAT); // the zip-bomb checks, and a clear message for encrypted workbooks
  const workbook = new excel.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer).catch((error: unknown) => {
    throw new FormatFailure('PARSE_FAILED', `${WHAT} is not a readable workbook (damaged, or not really a .xlsx).`, { cause: error });
  });
  const sheets: Sheet[] = [];
  workbook.eachSheet((worksheet) => {
    const rows: SheetRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = valueText(cell.value);
      });
      rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? '') });
    });
    sheets.push({ name: worksheet.name, rows });
  });
  return sheetBlocks(sheets);
}

function valueText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return valueText((value as { result?: CellValue }).result ?? null);
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : valueText(value.text as CellValue);
  if ('error' in value) return value.error;
  return '';
}

/** A date cell: the day, and the time only when the cell holds one. */
function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}
