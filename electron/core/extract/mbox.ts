/**
 * Splits an mbox file into its messages. No well-kept npm library does this (the few on npm are unmaintained
 * stream wrappers), and the rule is short: every message starts with a "From " postmark line at the start
 * of the file or after an empty line (the mboxo/mboxrd convention, RFC 4155); that line is not part of the
 * message. Body lines that would look like a postmark are stored quoted as ">From "; mboxrd quotes
 * ">From " again as ">>From ", so one ">" is removed from every such line (mboxo's ambiguity is accepted).
 * Works on bytes: each message's charset is its own, mailparser decodes it.
 */

const FROM_LINE = Buffer.from('From ');
const QUOTED_FROM = /^>+From /;

/** The messages of an mbox, in order, postmark lines removed and quoted "From " lines unquoted. */
export function splitMbox(bytes: Uint8Array): Buffer[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts: number[] = [];
  if (buffer.subarray(0, FROM_LINE.length).equals(FROM_LINE)) starts.push(0);
  for (let at = buffer.indexOf('\nFrom ', 0); at !== -1; at = buffer.indexOf('\nFrom ', at + 1)) {
    if (followsEmptyLine(buffer, at)) starts.push(at + 1);
  }
  // A file named .mbox without any postmark line is taken as one message.
  if (starts.length === 0) return [unquoteFromLines(buffer)];
  const messages: Buffer[] = [];
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? buffer.length;
    const bodyStart = buffer.indexOf('\n', start);
    if (bodyStart === -1 || bodyStart + 1 >= end) return;
    const message = unquoteFromLines(buffer.subarray(bodyStart + 1, end));
    if (message.some((byte) => byte > 0x20)) messages.push(message);
  });
  return messages;
}

/** Is the newline at `at` the end of an empty line (or the first line break of the file)? */
function followsEmptyLine(buffer: Buffer, at: number): boolean {
  if (at === 0) return true;
  if (buffer[at - 1] === 0x0a) return true;
  return buffer[at - 1] === 0x0d && (at < 2 || buffer[at - 2] === 0x0a);
}

function unquoteFromLines(message: Buffer): Buffer {
  if (!message.includes('>From ')) return message;
  // Line by line as latin1, which maps every byte to one character and back unchanged.
  const lines = message.toString('latin1').split('\n');
  return Buffer.from(lines.map((line) => (QUOTED_FROM.test(line) ? line.slice(1) : line)).join('\n'), 'latin1');
}
