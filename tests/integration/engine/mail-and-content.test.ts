// Mail, files read by their content and gzip-compressed text (issue 15), through the real engine: the bounded
// extractor (mail goes to its worker thread), a real SQLite index and search with citations.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { readBoundedFile } from '../../../electron/core/extract/read-file.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { emlMessage, mboxOf } from '../../helpers/mail-files.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { makeDocx } from '../../unit/extract/fixtures.ts';

const tempDir = useTempDirs();
const LIMIT = 4 * 2 ** 20;

describe('mail, text by content and gzip in the index', () => {
  it('finds messages, attachments, extension-less and compressed text with their citations; skips binaries and bombs', { timeout: 120_000 }, async () => {
    const folder = await tempDir();
    const docx = await makeDocx([{ text: 'The quayside crane needs a new winch.' }]);
    await writeFiles(folder, {
      'mail/crane.eml': emlMessage({
        subject: 'Crane repairs',
        date: 'Mon, 2 Mar 2026 09:30:00 +0000',
        text: 'Quote attached for the harbour master.\n',
        attachments: [{ name: 'quote.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: docx }],
      }),
      'mail/archive.mbox': mboxOf([
        emlMessage({ subject: 'Ferry times', text: 'The ferry leaves at noon.\n' }),
        emlMessage({ subject: 'Buoy paint', text: 'The buoys get vermilion paint.\n' }),
      ]),
      'debian/README.Debian': 'Packaging note: the lantern daemon starts late.\n',
      'debian/copyright': 'Copyright holders of the albatross module.\n',
      'scripts/tally.awk': '# tally the cormorant counts\n{ sum += $1 } END { print sum }\n',
      'debian/changelog.Debian.gz': gzipSync('trove (1.0) stable\n\n  * Fix the pelican parser.\n'),
      'docs/guide.md.gz': gzipSync('# Guide\n\nThe seagull section.\n'),
      'bin/blob': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(LIMIT * 2)]),
      'bomb/huge.txt.gz': gzipSync(Buffer.alloc(LIMIT * 4, 'z')),
    });
    const readPaths: string[] = [];
    const readFile = (path: string, maxBytes: number) => {
      readPaths.push(path);
      return readBoundedFile(path, maxBytes);
    };
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), readFile });
    await engine.addFolders([folder]);
    engine.updateFolderSettings(folder, { maxFileBytes: LIMIT });
    try {
      const [summary] = await engine.index([folder]);
      expect(summary).toMatchObject({ files: 9, indexed: 7, skipped: 2, failed: 0 });

      const top = async (query: string) => (await engine.search(query, { mode: 'bm25', k: 1 })).results[0];
      expect(await top('quayside winch')).toMatchObject({ path: join(folder, 'mail/crane.eml'), heading: expect.stringContaining('Crane repairs (2026-03-02)') });
      expect((await top('quayside winch'))?.heading).toContain('Attachment: quote.docx');
      expect(await top('harbour master')).toMatchObject({ path: join(folder, 'mail/crane.eml'), heading: expect.stringContaining('Crane repairs') });
      expect(await top('vermilion buoys')).toMatchObject({ path: join(folder, 'mail/archive.mbox'), heading: expect.stringContaining('Message 2: Buoy paint') });
      expect(await top('lantern daemon')).toMatchObject({ path: join(folder, 'debian/README.Debian'), startLine: 1 });
      expect((await top('albatross'))?.path).toBe(join(folder, 'debian/copyright'));
      expect((await top('cormorant'))?.path).toBe(join(folder, 'scripts/tally.awk'));
      expect(await top('pelican parser')).toMatchObject({ path: join(folder, 'debian/changelog.Debian.gz'), startLine: 1, endLine: 3 });
      expect((await top('seagull'))?.path).toBe(join(folder, 'docs/guide.md.gz'));

      const problems = new Map(engine.status().problems.map((p) => [p.path, [p.code, p.message]]));
      expect(problems).toEqual(new Map([
        [join(folder, 'bin/blob'), ['UNSUPPORTED_TYPE', 'The file looks binary, not text']],
        [join(folder, 'bomb/huge.txt.gz'), ['TOO_LARGE', expect.stringMatching(/unpacks to more than the 4 MiB limit/)]],
      ]));
      // The binary was judged by its head: never read whole.
      expect(readPaths).not.toContain(join(folder, 'bin/blob'));

      // A second run reads nothing whole again but the bomb: a file refused as TOO_LARGE while under the size limit
      // is looked at again on every run (the limit may have been raised), as a DOCX zip bomb is; the binary, over
      // the limit, gets its head sniffed again for the same reason, which costs one small read.
      readPaths.length = 0;
      const [again] = await engine.index([folder]);
      expect(again).toMatchObject({ unchanged: 7, skipped: 2 });
      expect(readPaths).toEqual([join(folder, 'bomb/huge.txt.gz')]);
    } finally {
      await engine.dispose();
    }
  });
});
