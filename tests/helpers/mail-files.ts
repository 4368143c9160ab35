/**
 * E-mail fixtures written as MIME text at run time (no binary is committed): a message with a plain-text or
 * HTML body and base64 attachments, an mbox of messages, and hostile nestings (a message attached to itself
 * over and over). No vitest imports: the hostile corpus and its benchmark use them too.
 */

export interface MessageAttachment {
  readonly name?: string;
  readonly contentType: string;
  readonly content: string | Uint8Array;
}

export interface MessageFields {
  readonly from?: string;
  readonly to?: string;
  readonly subject?: string;
  /** RFC 5322 date, e.g. "Mon, 2 Mar 2026 09:30:00 +0000". */
  readonly date?: string;
  readonly text?: string;
  readonly html?: string;
  readonly attachments?: readonly MessageAttachment[];
}

/** One message as MIME text (CRLF line ends, as mail is sent). */
export function emlMessage(fields: MessageFields): string {
  const head = [
    `From: ${fields.from ?? 'Alice Example <alice@example.com>'}`,
    `To: ${fields.to ?? 'Bob Example <bob@example.com>'}`,
    ...(fields.subject === undefined ? [] : [`Subject: ${fields.subject}`]),
    ...(fields.date === undefined ? [] : [`Date: ${fields.date}`]),
    'MIME-Version: 1.0',
  ];
  const body = fields.html === undefined ? textPart('text/plain', fields.text ?? '') : textPart('text/html', fields.html);
  const attachments = fields.attachments ?? [];
  if (attachments.length === 0) return crlf([...head, ...body]);
  const boundary = `b-${Math.random().toString(36).slice(2)}`;
  const parts = [body, ...attachments.map(attachmentPart)].flatMap((part) => [`--${boundary}`, ...part]);
  return crlf([...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts, `--${boundary}--`, '']);
}

/** An mbox of the messages: each after a "From " postmark line, body lines that start with "From " quoted (mboxrd). */
export function mboxOf(messages: readonly string[]): string {
  return messages
    .map((message, i) => `From sender${i}@example.com Mon Mar  2 09:30:00 2026\n${message.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1')}\n`)
    .join('\n');
}

/**
 * A recursive attachment loop: a message that attaches a message that attaches a message… `depth` levels, each
 * a `message/rfc822` part (unencoded, so the file grows only linearly with the depth).
 */
export function nestedMessages(depth: number, word: string): string {
  let message = emlMessage({ subject: 'Innermost', text: `The innermost note says ${word}.` });
  for (let level = depth; level >= 1; level--) {
    message = emlMessage({ subject: `Forward level ${level}`, text: `Level ${level} forwards the one below.`, attachments: [{ contentType: 'message/rfc822', content: message }] });
  }
  return message;
}

function textPart(contentType: string, text: string): string[] {
  return [`Content-Type: ${contentType}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', ...base64Lines(Buffer.from(text, 'utf8')), ''];
}

function attachmentPart({ name, contentType, content }: MessageAttachment): string[] {
  const disposition = name === undefined ? 'attachment' : `attachment; filename="${name}"`;
  if (contentType === 'message/rfc822') {
    // Embedded messages may not be base64-encoded (RFC 2046 5.2.1): they are carried as they are.
    return [`Content-Type: ${contentType}`, `Content-Disposition: ${disposition}`, '', typeof content === 'string' ? content : Buffer.from(content).toString('utf8'), ''];
  }
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return [`Content-Type: ${contentType}`, `Content-Disposition: ${disposition}`, 'Content-Transfer-Encoding: base64', '', ...base64Lines(bytes), ''];
}

function base64Lines(bytes: Buffer): string[] {
  return bytes.toString('base64').match(/.{1,76}/g) ?? [];
}

function crlf(lines: readonly string[]): string {
  return lines.join('\r\n');
}
