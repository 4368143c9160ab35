import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../electron/core/errors.ts';
import { extractFile } from '../../../electron/core/extract/index.ts';
import { splitMbox } from '../../../electron/core/extract/mbox.ts';
import { emlMessage, mboxOf, nestedMessages } from '../../helpers/mail-files.ts';
import { makeDocx, useTempDir } from './fixtures.ts';

const DATE = 'Mon, 2 Mar 2026 09:30:00 +0000';

async function refusal(promise: Promise<unknown>): Promise<ExtractionError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractionError);
  return error as ExtractionError;
}

describe('e-mail', () => {
  const dir = useTempDir();

  it('reads headers, body and attachments, each under the message it belongs to', async () => {
    const docx = await makeDocx([{ text: 'The harbour budget rises by nine percent.' }]);
    const path = await dir.write('budget.eml', emlMessage({
      subject: 'Budget review',
      date: DATE,
      text: 'Hello Bob,\n\nThe figures are attached.\n',
      attachments: [
        { name: 'figures.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: docx },
        { name: 'notes.txt', contentType: 'text/plain', content: 'Remember the lighthouse invoice.\n' },
        { name: 'logo.png', contentType: 'image/png', content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) },
      ],
    }));
    const doc = await extractFile(path);
    expect(doc).toMatchObject({ format: 'mail', title: 'Budget review' });
    const label = 'Budget review (2026-03-02)';
    expect(doc.blocks.map((b) => [b.headingPath, b.text])).toEqual([
      [[label], `From: "Alice Example" <alice@example.com>\nTo: "Bob Example" <bob@example.com>\nDate: ${DATE}\nSubject: Budget review`],
      [[label], 'Hello Bob,'],
      [[label], 'The figures are attached.'],
      [[label, 'Attachment: figures.docx'], 'The harbour budget rises by nine percent.'],
      [[label, 'Attachment: notes.txt'], 'Remember the lighthouse invoice.'],
    ]);
    // Blocks are laid out one after another on the extracted text's lines, a blank line between them.
    expect(doc.blocks.map((b) => [b.startLine, b.endLine])).toEqual([[1, 4], [6, 6], [8, 8], [10, 10], [12, 12]]);
  });

  it('reads an HTML-only body through the HTML extractor', async () => {
    const html = '<html><body><nav>Home | About</nav><h1>Release notes</h1><p>The ferry timetable changes in May.</p></body></html>';
    const doc = await extractFile(await dir.write('release.eml', emlMessage({ subject: 'Release', html })));
    const texts = doc.blocks.map((b) => b.text);
    expect(texts).toContain('The ferry timetable changes in May.');
    expect(texts.join('\n')).not.toContain('Home | About');
    expect(doc.blocks.find((b) => b.text.startsWith('The ferry'))?.headingPath).toEqual(['Release', 'Release notes']);
  });

  it('reads an mbox as its messages, each cited as "Message N"', async () => {
    const messages = [
      emlMessage({ subject: 'First', date: DATE, text: 'Alpha report.\nFrom here on, plans change.\n' }),
      emlMessage({ subject: 'Second', text: 'Bravo report.\n' }),
      emlMessage({ subject: 'Third', date: 'Tue, 3 Mar 2026 10:00:00 +0000', text: 'Charlie report.\n' }),
    ];
    const doc = await extractFile(await dir.write('inbox.mbox', mboxOf(messages)));
    const bodies = doc.blocks.filter((b) => b.text.includes('report'));
    expect(bodies.map((b) => [b.headingPath[0], b.text])).toEqual([
      ['Message 1: First (2026-03-02)', 'Alpha report.\nFrom here on, plans change.'],
      ['Message 2: Second', 'Bravo report.'],
      ['Message 3: Third (2026-03-03)', 'Charlie report.'],
    ]);
  });

  it('splits an mbox only at postmark lines after an empty line, unquoting ">From " lines', () => {
    const mbox = 'From a@x Mon\nSubject: one\n\nbody\n>From the start\n>>From quoted twice\n\nFrom b@x Tue\nSubject: two\n\nA paragraph whose next line\nFrom here on is text\n';
    expect(splitMbox(Buffer.from(mbox)).map((m) => m.toString())).toEqual([
      'Subject: one\n\nbody\nFrom the start\n>From quoted twice\n\n',
      'Subject: two\n\nA paragraph whose next line\nFrom here on is text\n',
    ]);
  });

  it('reads a message attached to a message, under both', async () => {
    const doc = await extractFile(await dir.write('forward.eml', nestedMessages(2, 'kestrelq')));
    const innermost = doc.blocks.find((b) => b.text.includes('kestrelq'));
    expect(innermost?.headingPath).toEqual(['Forward level 1', 'Attachment: message.eml', 'Forward level 2', 'Attachment: message.eml', 'Innermost']);
  });

  it('refuses a recursive attachment loop with NESTING_LIMIT, naming the attachment', async () => {
    const error = await refusal(extractFile(await dir.write('loop.eml', nestedMessages(40, 'loopq'))));
    expect(error.code).toBe('NESTING_LIMIT');
    expect(error.message).toMatch(/^Attachment "message\.eml": The file nests attachments more than 5 levels deep/);
    expect(error.path).toBe(dir.path('loop.eml'));
  });

  it('refuses attachments that decode to more than the size limit together', async () => {
    const big = 'x'.repeat(40_000);
    const eml = emlMessage({ subject: 'Fan-out', text: 'Many copies.', attachments: Array.from({ length: 5 }, (_, i) => ({ name: `copy-${i}.txt`, contentType: 'text/plain', content: big })) });
    const error = await refusal(extractFile(await dir.write('fanout.eml', eml), { maxBytes: 150_000 }));
    expect(error.code).toBe('TOO_LARGE');
  });
});
