/**
 * E-mail: `.eml` (one message) and `.mbox` (many, split by mbox.ts), parsed with mailparser. Each message is
 * laid out (laid-out-text.ts) as its headers (from, to, cc, date, subject), its body (the plain-text part, or
 * the HTML part through the HTML extractor when there is no plain text) and the text of its attachments, which
 * are read by the caller's `readAttachment` (the normal dispatch, by name or bytes, under the file's
 * AttachmentBudget), so a message attached to a message recurses. Every block's heading path starts with the
 * message (subject and date; "Message N" in an mbox), which is what citations name.
 */
import type { AddressObject, Attachment, ParsedMail, simpleParser as SimpleParserFunction } from 'mailparser';
import type { ExtractedDocument, TextBlock } from '../types.ts';
import type { Extraction } from './block.ts';
import { FormatFailure } from './format-failure.ts';
import { extractHtml } from './html.ts';
import { LaidOutText } from './laid-out-text.ts';
import { splitMbox } from './mbox.ts';
import { extractText } from './text.ts';

/** Reads one attachment by its name and bytes; undefined when it holds nothing Trove reads. */
export type AttachmentReader = (name: string, bytes: Uint8Array) => Promise<ExtractedDocument | undefined>;

type SimpleParser = typeof SimpleParserFunction;

/** Loaded on first use, like the other big parsers: most folders hold no mail. */
let parserModule: Promise<SimpleParser> | undefined;

/** Names for attachments that have none, by content type, so the dispatch can still pick their reader. */
const NAME_BY_TYPE: ReadonlyMap<string, string> = new Map([
  ['message/rfc822', 'message.eml'],
  ['text/plain', 'part.txt'],
  ['text/html', 'part.html'],
  ['application/pdf', 'part.pdf'],
]);

export async function extractMail(bytes: Uint8Array, kind: 'eml' | 'mbox', readAttachment: AttachmentReader): Promise<Extraction> {
  const layout = new LaidOutText();
  if (kind === 'eml') {
    const mail = await parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    await addMessage(layout, mail, messageLabel(mail), readAttachment);
    return mail.subject ? { blocks: layout.blocks, title: mail.subject } : { blocks: layout.blocks };
  }
  const messages = splitMbox(bytes);
  for (const [i, message] of messages.entries()) {
    const mail = await parse(message);
    await addMessage(layout, mail, `Message ${i + 1}: ${messageLabel(mail)}`, readAttachment);
  }
  return { blocks: layout.blocks };
}

async function parse(message: Buffer): Promise<ParsedMail> {
  parserModule ??= import('mailparser').then((module) => module.simpleParser);
  const simpleParser = await parserModule;
  try {
    // Embedded messages come back as attachments, so their nesting goes through the attachment budget.
    return await simpleParser(message, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true, ignoreEmbedded: true, checksumAlgo: false });
  } catch (error) {
    throw new FormatFailure('PARSE_FAILED', 'The message could not be read as e-mail (damaged MIME structure, or too many parts).', { cause: error });
  }
}

async function addMessage(layout: LaidOutText, mail: ParsedMail, label: string, readAttachment: AttachmentReader): Promise<void> {
  const heading = [label];
  layout.add({ kind: 'paragraph', text: headerLines(mail).join('\n'), headingPath: heading });
  for (const block of bodyBlocks(mail)) layout.add({ ...block, headingPath: [...heading, ...block.headingPath] });
  for (const [i, attachment] of mail.attachments.entries()) {
    const name = attachmentName(attachment, i);
    const document = await readAttachment(name, attachment.content);
    if (!document) continue;
    const under = [...heading, `Attachment: ${name}`];
    for (const block of document.blocks) {
      const page = block.page === undefined ? [] : [`Page ${block.page}`];
      layout.add({ kind: block.kind, text: block.text, level: block.level, headingPath: [...under, ...page, ...block.headingPath] });
    }
  }
}

function bodyBlocks(mail: ParsedMail): readonly TextBlock[] {
  if (typeof mail.text === 'string' && mail.text.trim() !== '') return extractText(mail.text).blocks;
  if (typeof mail.html === 'string') return extractHtml(mail.html).blocks;
  return [];
}

function headerLines(mail: ParsedMail): string[] {
  const lines: string[] = [];
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '') lines.push(`${name}: ${value.replace(/\s+/g, ' ').trim()}`);
  };
  put('From', addresses(mail.from));
  put('To', addresses(mail.to));
  put('Cc', addresses(mail.cc));
  put('Date', rawHeader(mail, 'date'));
  put('Subject', mail.subject);
  return lines;
}

/** Subject and day: "Budget review (2026-03-02)". */
function messageLabel(mail: ParsedMail): string {
  const subject = mail.subject?.trim() || '(no subject)';
  const day = sentDay(mail);
  return day === undefined ? subject : `${subject} (${day})`;
}

/** mailparser gives the current time for a Date header it cannot parse, so the raw header is checked first. */
function sentDay(mail: ParsedMail): string | undefined {
  const raw = rawHeader(mail, 'date');
  if (raw === undefined || Number.isNaN(Date.parse(raw)) || mail.date === undefined) return undefined;
  return mail.date.toISOString().slice(0, 10);
}

function rawHeader(mail: ParsedMail, key: string): string | undefined {
  const line = mail.headerLines.find((header) => header.key === key)?.line;
  return line?.slice(line.indexOf(':') + 1).trim();
}

function addresses(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map((address) => address.text).join(', ');
}

function attachmentName(attachment: Attachment, index: number): string {
  const name = attachment.filename?.trim();
  if (name) return name.replace(/[\\/]/g, '_');
  return NAME_BY_TYPE.get(attachment.contentType.toLowerCase()) ?? `part-${index + 1}`;
}
