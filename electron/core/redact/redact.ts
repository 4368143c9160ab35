/**
 * Redaction before indexing (off by default; per folder `redact: true`). Runs on the extracted blocks, before
 * chunking, so a secret can never be split across two chunks: each line of a secret becomes `[REDACTED:<kind>]`,
 * so the text keeps its line count, every line keeps its number and citations stay right (a placeholder on
 * every line, rather than blank lines, also survives extractors and chunkers that trim trailing blank lines).
 * The report says what kind of secret was where (lines), never the secret itself.
 */
import type { TextBlock } from '../types.ts';
import { findSecrets } from './detectors.ts';

export interface Redaction {
  readonly kind: string;
  readonly startLine: number;
  readonly endLine: number;
}

export interface RedactedText {
  readonly text: string;
  /** Lines are 0-based offsets from the start of the text. */
  readonly redactions: readonly Redaction[];
}

export function placeholder(kind: string, lines = 1): string {
  return Array.from({ length: lines }, () => `[REDACTED:${kind}]`).join('\n');
}

export function redactText(text: string): RedactedText {
  const matches = findSecrets(text);
  if (matches.length === 0) return { text, redactions: [] };
  let out = '';
  let from = 0;
  let line = 0;
  const redactions: Redaction[] = [];
  for (const match of matches) {
    const before = text.slice(from, match.start);
    line += countLines(before);
    const secretBreaks = countLines(text.slice(match.start, match.end));
    out += before + placeholder(match.kind, secretBreaks + 1);
    redactions.push({ kind: match.kind, startLine: line, endLine: line + secretBreaks });
    line += secretBreaks;
    from = match.end;
  }
  return { text: out + text.slice(from), redactions };
}

/** Redacts every block; a private key split over several blocks is redacted to its END line (or the end). */
export function redactBlocks(blocks: readonly TextBlock[]): { blocks: TextBlock[]; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  let inKey = false;
  const result = blocks.map((block) => {
    let text = block.text;
    if (inKey) {
      // The rest of a key that began in an earlier block: everything up to and including its END line.
      const end = /-----END [A-Z0-9 ]*PRIVATE KEY-----/.exec(text);
      const cut = end ? end.index + end[0].length : text.length;
      const breaks = countLines(text.slice(0, cut));
      redactions.push({ kind: 'private-key', startLine: block.startLine, endLine: block.startLine + breaks });
      text = placeholder('private-key', breaks + 1) + text.slice(cut);
      inKey = end === null;
    }
    const redacted = redactText(text);
    for (const r of redacted.redactions) redactions.push({ kind: r.kind, startLine: block.startLine + r.startLine, endLine: block.startLine + r.endLine });
    if (!inKey) inKey = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?![\s\S]*-----END [A-Z0-9 ]*PRIVATE KEY-----)/.test(text);
    return redacted.text === block.text ? block : { ...block, text: redacted.text };
  });
  return { blocks: result, redactions };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
