import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/core/extract/index.ts';
import { makeOds, makeXlsx, type SheetSpec } from '../../helpers/office-files.ts';
import { useTempDir } from './fixtures.ts';

const HEADER = ['Employee', 'Department', 'Office'];
const STAFF = Array.from({ length: 60 }, (_, i) => [`Person ${i + 2}`, i % 2 === 0 ? 'Engineering' : 'Sales', `Room ${100 + i}`]);
const BOOK: SheetSpec[] = [
  { name: 'Staff', rows: [HEADER, ...STAFF] },
  { name: 'Budget', rows: [['Item', 'Amount'], ['Laptops', 'twelve thousand'], ['Travel', 'four thousand']] },
];

describe.each([
  ['xlsx', makeXlsx],
  ['ods', makeOds],
])('%s spreadsheets', (extension, make) => {
  const dir = useTempDir();

  it('gives each sheet its own table blocks, cited by sheet name and row numbers, the header row in every block', async () => {
    const doc = await extractFile(await dir.write(`book.${extension}`, await make(BOOK)));
    expect(doc.format).toBe('spreadsheet');
    const staff = doc.blocks.filter((b) => b.headingPath[0] === 'Staff');
    expect(staff.length).toBeGreaterThan(1);
    expect(staff[0]?.startLine).toBe(1);
    expect(staff.at(-1)?.endLine).toBe(61);
    staff.forEach((block, i) => {
      const lines = block.text.split('\n');
      expect(lines[0]).toBe('Employee | Department | Office');
      // Rows follow on from the block before: nothing lost, nothing repeated but the header.
      if (i > 0) expect(block.startLine).toBe((staff[i - 1]?.endLine ?? 0) + 1);
      const rows = lines.slice(1);
      const firstRow = i === 0 ? 2 : block.startLine;
      expect(rows[0]).toBe(`Person ${firstRow} | ${(firstRow - 2) % 2 === 0 ? 'Engineering' : 'Sales'} | Room ${98 + firstRow}`);
      expect(rows).toHaveLength(block.endLine - firstRow + 1);
    });
    const budget = doc.blocks.filter((b) => b.headingPath[0] === 'Budget');
    expect(budget.map((b) => [b.startLine, b.endLine, b.text])).toEqual([[1, 3, 'Item | Amount\nLaptops | twelve thousand\nTravel | four thousand']]);
  });
});

describe('spreadsheet cells and limits', () => {
  const dir = useTempDir();

  it('shows XLSX numbers, dates and formula results as text', async () => {
    const rows = [['When', 'Count', 'Double'], [new Date(Date.UTC(2026, 2, 14)), 42, { formula: 'B2*2', result: 84 }]];
    const doc = await extractFile(await dir.write('figures.xlsx', await makeXlsx([{ name: 'Figures', rows }])));
    expect(doc.blocks.map((b) => b.text)).toEqual(['When | Count | Double\n2026-03-14 | 42 | 84']);
  });

  it('expands a repeated ODS row with text within a budget, and refuses one that declares millions', async () => {
    const small = await extractFile(await dir.write('repeat.ods', await makeOds([{ name: 'S', rows: [['Name'], ['Same']] }], { repeatLastRow: 3 })));
    expect(small.blocks.map((b) => [b.startLine, b.endLine, b.text])).toEqual([[1, 4, 'Name\nSame\nSame\nSame']]);
    const huge = await makeOds([{ name: 'S', rows: [['Name'], ['Same']] }], { repeatLastRow: 5_000_000 });
    await expect(extractFile(await dir.write('huge.ods', huge))).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
});
