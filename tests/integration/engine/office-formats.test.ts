// Slides, spreadsheets, e-books, ODT and RTF indexed by a real engine through the bounded extraction worker, each
// found by its own words and cited by its unit: the slide, the sheet and its rows, the chapter, the lines.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { citation } from '../../../electron/api/result-json.ts';
import { formatSpan } from '../../../electron/core/answer/prompt.ts';
import { Engine } from '../../../electron/core/engine.ts';
import { BoundedExtractor } from '../../../electron/core/extract/bounded-extractor.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { zipBombPptx } from '../../helpers/hostile-files.ts';
import { makeEpub, makeOdp, makeOds, makeOdt, makePptx, makeRtf, makeXlsx } from '../../helpers/office-files.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const extractors: BoundedExtractor[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
  await Promise.all(extractors.splice(0).map((extractor) => extractor.dispose()));
});

async function indexed(files: Record<string, Uint8Array | string>) {
  const folder = await tempDir();
  await writeFiles(folder, files);
  const extractor = new BoundedExtractor();
  extractors.push(extractor);
  const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), extract: extractor.extract });
  engines.push(engine);
  const [summary] = await engine.index([folder]);
  return { folder, engine, extractor, summary };
}

async function top(engine: Engine, query: string) {
  const hit = (await engine.search(query, { mode: 'bm25', k: 1 })).results[0];
  if (!hit) throw new Error(`nothing found for "${query}"`);
  return hit;
}

const staffRows = [['Employee', 'Office'], ...Array.from({ length: 80 }, (_, i) => [`Person ${i + 2}`, i === 60 ? 'Osaka quayside' : `Room ${i}`])];

describe('office formats, indexed and cited', () => {
  it('finds every format by its words and cites slides, sheets and rows, chapters and lines', async () => {
    const { folder, engine, extractor, summary } = await indexed({
      'deck.pptx': await makePptx([{ title: 'Intro', body: ['Welcome'] }, { title: 'Plans', body: ['Hire engineers'], notes: ['Mention the zeppelin budget'] }]),
      'deck.odp': await makeOdp([{ title: 'Kickoff', body: ['Agenda'] }, { body: ['Nothing'] }, { title: 'Risks', body: ['The walrus migration'] }]),
      'book.xlsx': await makeXlsx([{ name: 'Cover', rows: [['Title'], ['Roster']] }, { name: 'Staff', rows: staffRows }]),
      'book.ods': await makeOds([{ name: 'Prices', rows: [['Item', 'Price'], ['Marmalade jar', '4']] }]),
      'tales.epub': await makeEpub('Tales', [{ title: 'Dawn', paragraphs: ['Ships at dawn.'] }, { title: 'The Lighthouse', paragraphs: ['A keeper polished the lantern lens.'] }]),
      'policy.odt': await makeOdt([{ heading: 'Travel', level: 1 }, { paragraph: 'Trains before flights to Trondheim.' }]),
      'memo.rtf': makeRtf(['Memo', 'The cafeteria serves porridge on Fridays.']),
    });
    expect(summary).toMatchObject({ files: 7, indexed: 7, failed: 0, skipped: 0 });
    expect(extractor.stats.inWorker).toBe(7);

    const slide = await top(engine, 'zeppelin budget');
    expect(slide).toMatchObject({ path: join(folder, 'deck.pptx'), page: 2, heading: 'Plans' });
    expect(citation(slide)).toBe(`${join(folder, 'deck.pptx')}#slide=2`);
    expect(formatSpan(slide)).toBe(`${join(folder, 'deck.pptx')}#slide=2`);
    expect(await top(engine, 'walrus migration')).toMatchObject({ path: join(folder, 'deck.odp'), page: 3, heading: 'Risks' });

    const row = await top(engine, 'Osaka quayside');
    expect(row).toMatchObject({ path: join(folder, 'book.xlsx'), page: null, heading: 'Staff' });
    expect(row.startLine).toBeLessThanOrEqual(62);
    expect(row.endLine).toBeGreaterThanOrEqual(62);
    expect(row.text.split('\n')[0]).toBe('Employee | Office');
    expect(citation(row)).toBe(`${join(folder, 'book.xlsx')}, Staff, rows ${row.startLine}-${row.endLine}`);
    expect(await top(engine, 'marmalade')).toMatchObject({ path: join(folder, 'book.ods'), heading: 'Prices', startLine: 1, endLine: 2 });

    expect(await top(engine, 'lantern lens')).toMatchObject({ path: join(folder, 'tales.epub'), heading: 'The Lighthouse' });
    expect(await top(engine, 'Trondheim')).toMatchObject({ path: join(folder, 'policy.odt'), heading: 'Travel' });
    const memo = await top(engine, 'porridge');
    expect(memo).toMatchObject({ path: join(folder, 'memo.rtf'), page: null });
    expect(citation(memo)).toBe(`${join(folder, 'memo.rtf')}:${memo.startLine}-${memo.endLine}`.replace(/:(\d+)-\1$/, ':$1'));
  });

  it('refuses a slide deck that is a zip bomb with a code, and indexes the files beside it', async () => {
    const { folder, engine, summary } = await indexed({
      'bomb.pptx': zipBombPptx(1024),
      'fine.pptx': await makePptx([{ title: 'Fine', body: ['A perfectly ordinary gazebo'] }]),
    });
    expect(summary).toMatchObject({ files: 2, indexed: 1 });
    expect(engine.status().problems).toEqual([expect.objectContaining({ path: join(folder, 'bomb.pptx'), code: 'TOO_LARGE' })]);
    expect((await top(engine, 'gazebo')).path).toBe(join(folder, 'fine.pptx'));
  });
});
