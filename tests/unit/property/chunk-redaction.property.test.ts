/**
 * Redaction runs before chunking, so a secret placed anywhere — including exactly where a chunk boundary would
 * have cut it — is fully redacted, no chunk holds any piece of it, and chunk lines still match the source.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../../electron/core/chunk/chunker.ts';
import { redactBlocks } from '../../../electron/core/redact/redact.ts';
import { buildDocument } from '../chunk/document-builder.ts';

const SECRETS = [
  ['AKIA', 'Q4XJ7PLM2ZRT8VWN'],
  ['ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'],
  ['-----BEGIN PRIVATE KEY-----\nMIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEAq7BFUpkGp3\nvTq3WkXc1Vx8a9ZfLwQyUk2OeRt5s4GjHbNmCqLp0iYtFzXwKoEdAqPnMhRsJuVe\n-----END PRIVATE KEY-----'],
  ['password = ', 'Zx9!long-secret-value-42'],
].map((parts) => parts.join(''));

const word = fc.constantFrom('index', 'search', 'the', 'of', 'vector', 'deploy', 'config', 'value.', 'line', 'notes');
const line = fc.array(word, { minLength: 1, maxLength: 10 }).map((ws) => ws.join(' '));
const paragraph = fc.array(line, { minLength: 1, maxLength: 6 });

/** Distinctive fragments of a secret's value (not its key name): none may survive in any chunk. */
function fragments(secret: string): string[] {
  const value = secret.replace(/^password = /, '').replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  const out: string[] = [];
  for (let i = 0; i + 8 <= value.length; i += 4) out.push(value.slice(i, i + 8));
  return out;
}

describe('chunking after redaction', () => {
  it('no chunk contains any part of a secret, wherever it sits and however small the chunks', () => {
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...SECRETS),
        fc.integer({ min: 6, max: 60 }),
        (paragraphs, where, lineIndex, secret, maxTokens) => {
          // The secret goes inside a paragraph, so the chunker would cut it when its lines do not fit one chunk.
          const target = where % paragraphs.length;
          const specs = paragraphs.map((lines, i) => {
            if (i !== target) return { kind: 'paragraph' as const, lines };
            const at = lineIndex % (lines.length + 1);
            return { kind: 'paragraph' as const, lines: [...lines.slice(0, at), ...secret.split('\n'), ...lines.slice(at)] };
          });
          const document = buildDocument(specs);
          const { blocks, redactions } = redactBlocks(document.blocks);
          expect(redactions).toHaveLength(1);
          const chunks = chunkBlocks(blocks, { maxTokens, overlapTokens: Math.floor(maxTokens / 4) });
          const pieces = fragments(secret);
          for (const chunk of chunks) {
            for (const piece of pieces) expect(chunk.text).not.toContain(piece);
            // Spans stay right: every line of a chunk (placeholders aside; a tiny budget may even cut one, which
            // leaks nothing) is found in the source within the chunk's own lines.
            const spanned = document.source.split('\n').slice(chunk.startLine - 1, chunk.endLine);
            for (const text of chunk.text.split('\n')) {
              if (text === '' || /REDACTED|^[\w-]*\]$/.test(text)) continue;
              expect(spanned.some((source) => source.includes(text))).toBe(true);
            }
          }
          const redactedLine = redactions[0]?.startLine ?? 0;
          const holder = chunks.find((c) => c.text.includes('[REDACTED:'));
          expect(holder).toBeDefined();
          expect(redactedLine).toBeGreaterThanOrEqual(holder?.startLine ?? Infinity);
          expect(redactedLine).toBeLessThanOrEqual(holder?.endLine ?? -Infinity);
        },
      ),
      { numRuns: 150 },
    );
  });
});
