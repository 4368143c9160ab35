// The bounded extractor on its own: which files go to the worker, and what happens at the time and memory
// limits — the file gets its code, the worker is replaced, and the next file is read normally.
import { describe, expect, it } from 'vitest';
import { BoundedExtractor } from '../../../electron/core/extract/bounded-extractor.ts';
import { pageBombPdf, textPdf, zipBombDocx } from '../../helpers/hostile-files.ts';

const text = (content: string) => new TextEncoder().encode(content);

describe('BoundedExtractor', () => {
  it('reads small text files in-process and PDFs and big text files in the worker', async () => {
    const extractor = new BoundedExtractor({ inProcessMaxBytes: 1024 });
    expect((await extractor.extract('/notes/small.md', text('# Small\n\nHeron.\n'))).blocks.map((b) => b.text)).toEqual(['Small', 'Heron.']);
    expect(extractor.stats).toMatchObject({ inProcess: 1, inWorker: 0, workersStarted: 0 });
    const big = await extractor.extract('/notes/big.txt', text(`Egret ${'plover '.repeat(500)}\n`));
    expect(big.blocks[0]?.text).toMatch(/^Egret plover/);
    const pdf = await extractor.extract('/notes/page.pdf', await textPdf(['Kestrel page']));
    expect(pdf.blocks.map((b) => [b.page, b.text])).toEqual([[1, 'Kestrel page']]);
    expect(extractor.stats).toMatchObject({ inProcess: 1, inWorker: 2, workersStarted: 1 });
    await extractor.dispose();
  });

  it('stops a file over the time limit with TIMED_OUT and reads the next one in a fresh worker', async () => {
    const extractor = new BoundedExtractor({ timeoutMs: 1000 });
    await expect(extractor.extract('/docs/bomb.pdf', pageBombPdf(2000))).rejects.toMatchObject({ code: 'TIMED_OUT', path: '/docs/bomb.pdf' });
    const next = await extractor.extract('/docs/ok.pdf', await textPdf(['Osprey page']));
    expect(next.blocks[0]?.text).toBe('Osprey page');
    expect(extractor.stats.workersStarted).toBe(2);
    await extractor.dispose();
  });

  it('stops a file over the memory limit with MEMORY_LIMIT, and the process lives on', async () => {
    const extractor = new BoundedExtractor({ maxMemoryMb: 64 });
    // ~48 MB of text needs ~200 MiB of heap to extract.
    const huge = new Uint8Array(Buffer.alloc(48 * 2 ** 20, 'word alpha beta\n'));
    await expect(extractor.extract('/logs/huge.txt', huge)).rejects.toMatchObject({ code: 'MEMORY_LIMIT', message: expect.stringMatching(/64 MiB/) });
    expect((await extractor.extract('/logs/after.txt', text(`Curlew ${'x '.repeat(3 * 2 ** 20)}`))).blocks).toHaveLength(1);
    await extractor.dispose();
  });

  it('refuses a zip bomb from its declared sizes, before inflating it', async () => {
    const extractor = new BoundedExtractor();
    const before = process.memoryUsage().rss;
    await expect(extractor.extract('/docs/bomb.docx', zipBombDocx(1024))).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/unpacks to 10\d\d\.\d MiB of XML/) });
    await expect(extractor.extract('/docs/liar.docx', zipBombDocx(1024, 4096))).rejects.toMatchObject({ code: 'PARSE_FAILED', message: expect.stringMatching(/more than its declared 4\.0 KiB/) });
    // Inflating the 1 GiB part anywhere in this process (worker threads included) would show in its RSS.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 2 ** 20);
    await extractor.dispose();
  });
});
