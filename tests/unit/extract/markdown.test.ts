import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../../electron/core/extract/markdown.ts';
import { expectLinesAligned, expectSpansInSource } from './fixtures.ts';

/** Markdown source → what its words look like once escapes and entities are resolved. */
const decodeEntities = (raw: string): string => raw.replace(/&amp;/g, '&').replace(/\\([*_`])/g, '$1');

const SOURCE = `---
title: "Field Guide"
tags: [birds, owls]
---

# Owls *of* the North

Owls hunt at night with \`silent\` flight and
keen hearing &amp; [sharp eyes](https://example.org).  
A hard break above.

## Species

> The snowy owl lives
> on the tundra.

- Barn owl
- Tawny owl
  - nested: Ural owl
- [x] seen a Little owl

| Name | Wingspan |
|------|----------|
| Snowy | 150 cm |

\`\`\`python
def hoot():
    return "hoo"
\`\`\`

### Calls

    indented sample code

Habitat
-------

<div>Raw <b>HTML</b> block</div>

<!-- a comment only -->
`;

describe('extractMarkdown', () => {
  const { blocks, title } = extractMarkdown(SOURCE);
  const byKind = (kind: string) => blocks.filter((b) => b.kind === kind);

  it('takes the title from front matter and indexes the front matter verbatim', () => {
    expect(title).toBe('Field Guide');
    expect(blocks[0]).toMatchObject({ kind: 'code', text: 'title: "Field Guide"\ntags: [birds, owls]', startLine: 2, endLine: 3 });
  });

  it('falls back to the first H1 for the title', () => {
    expect(extractMarkdown('Intro\n\n# Real Title\n\n# Other\n').title).toBe('Real Title');
    expect(extractMarkdown('no headings').title).toBeUndefined();
  });

  it('makes heading blocks with levels and tracks the heading path', () => {
    expect(byKind('heading').map((b) => [b.text, b.level, b.headingPath, b.startLine])).toEqual([
      ['Owls of the North', 1, [], 6],
      ['Species', 2, ['Owls of the North'], 12],
      ['Calls', 3, ['Owls of the North', 'Species'], 31],
      ['Habitat', 2, ['Owls of the North'], 35],
    ]);
    const fence = blocks.find((b) => b.text.startsWith('```python'));
    expect(fence?.headingPath).toEqual(['Owls of the North', 'Species']);
    expect(blocks.at(-1)?.headingPath).toEqual(['Owls of the North', 'Habitat']);
  });

  it('cleans markup from paragraphs but keeps soft line breaks on their source lines', () => {
    const paragraph = blocks.find((b) => b.text.startsWith('Owls hunt'));
    expect(paragraph).toMatchObject({
      kind: 'paragraph',
      text: 'Owls hunt at night with silent flight and\nkeen hearing & sharp eyes.\nA hard break above.',
      startLine: 8,
      endLine: 10,
    });
  });

  it('reads block quotes, lists, tables and raw HTML', () => {
    expect(blocks.find((b) => b.text.startsWith('The snowy owl'))).toMatchObject({ kind: 'paragraph', text: 'The snowy owl lives\non the tundra.', startLine: 14, endLine: 15 });
    expect(byKind('list')[0]).toMatchObject({ text: '- Barn owl\n- Tawny owl\n  - nested: Ural owl\n- [x] seen a Little owl', startLine: 17, endLine: 20 });
    expect(byKind('table')[0]).toMatchObject({ text: 'Name | Wingspan\n\nSnowy | 150 cm', startLine: 22, endLine: 24 });
    expect(blocks.find((b) => b.text.includes('Raw'))).toMatchObject({ kind: 'paragraph', text: 'Raw HTML block', startLine: 38 });
    expect(blocks.some((b) => b.text.includes('comment'))).toBe(false);
  });

  it('keeps code blocks whole, with the fence language', () => {
    expect(byKind('code').slice(1).map((b) => [b.text, b.startLine, b.endLine])).toEqual([
      ['```python\ndef hoot():\n    return "hoo"\n```', 26, 29],
      ['indented sample code', 33, 33],
    ]);
  });

  it('keeps every block within its source lines and character span', () => {
    expectSpansInSource(blocks, SOURCE, decodeEntities);
    expectLinesAligned(blocks.filter((b) => b.kind !== 'heading'), SOURCE, decodeEntities);
  });

  it('handles CRLF line endings and an unclosed fence', () => {
    const source = '# T\r\n\r\npara one\r\nline two\r\n\r\n```js\r\nlet a = 1;\r\n';
    const result = extractMarkdown(source);
    expect(result.blocks.map((b) => [b.kind, b.text, b.startLine, b.endLine])).toEqual([
      ['heading', 'T', 1, 1],
      ['paragraph', 'para one\nline two', 3, 4],
      ['code', '```js\nlet a = 1;', 6, 7],
    ]);
    expectSpansInSource(result.blocks, source);
  });

  it('keeps spans exact for arbitrary mixes of Markdown constructs (property)', () => {
    const word = fc.constantFrom('owl', 'Hawk', 'née', '42', 'x_y', 'naïve', '😀');
    const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    const snippet = fc.oneof(
      words.map((w) => `# ${w}`),
      words.map((w) => `### ${w} ###`),
      fc.tuple(words, words).map(([a, b]) => `${a} *${b}*\n${b} \`${a}\``),
      fc.tuple(words, words).map(([a, b]) => `- ${a}\n- ${b}\n  - ${a}`),
      fc.tuple(words, words).map(([a, b]) => `1. ${a}\n\n   ${b}\n2. ${b}`),
      fc.tuple(words, words).map(([a, b]) => `> ${a}\n> ${b}`),
      fc.tuple(words, words).map(([a, b]) => `| ${a} | b |\n|---|---|\n| ${b} | ${a} |`),
      words.map((w) => `\`\`\`sh\n${w}\n\n${w}\n\`\`\``),
      words.map((w) => `    ${w}`),
      words.map((w) => `${w}\n===`),
      words.map((w) => `<p>${w}</p>`),
      fc.constant('---'),
      fc.tuple(words, words).map(([a, b]) => `- ${a}\n\n  \`\`\`\n  ${b}\n  \`\`\``),
    );
    const documents = fc
      .tuple(fc.array(snippet, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'))
      .map(([snippets, eol]) => snippets.join('\n\n').replace(/\n/g, eol));
    fc.assert(
      fc.property(documents, (source) => {
        const { blocks } = extractMarkdown(source);
        expectSpansInSource(blocks, source);
        expectLinesAligned(blocks.filter((b) => b.kind !== 'heading'), source);
      }),
      { numRuns: 300 },
    );
  });
});
