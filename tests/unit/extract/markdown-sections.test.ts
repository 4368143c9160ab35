/**
 * Large Markdown is parsed a section at a time (markdown-sections.ts). The blocks, their text and their citations
 * (lines and offsets of the whole file) must be exactly those of parsing the file whole, including where a cut
 * would fall inside a block that spans blank lines.
 */
import fc from 'fast-check';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../../electron/core/extract/markdown.ts';
import { DEFAULT_SECTIONING, parseInSections, type MarkdownSectioning } from '../../../electron/core/extract/markdown-sections.ts';
import { LineIndex } from '../../../electron/core/extract/line-index.ts';
import { expectLinesAligned, expectSpansInSource, lineOfOffset } from './fixtures.ts';

const WHOLE: MarkdownSectioning = { wholeMaxChars: Number.POSITIVE_INFINITY, sectionMinChars: 0 };
/** Cut at every heading that allows it, so every boundary rule is exercised on small texts. */
const EVERY_HEADING: MarkdownSectioning = { wholeMaxChars: 0, sectionMinChars: 1 };

/** A release entry of a changelog: the shape of the Node.js changelogs that made the worker's heap peak. */
function release(n: number): string {
  const commits = Array.from({ length: 12 }, (_, i) => `* \\[[\`${n}${i}abc\`](https://example.org/c/${n}${i})] - **fs**: fix *case* ${i} of release ${n}`);
  return `<a id="${n}.0.0"></a>\n\n## Version ${n}.0.0\n\n### Notable changes\n\nRelease ${n} fixes things.\n\n${commits.join('\n')}\n`;
}

/** Blocks that span blank lines with a heading-looking line inside: a cut there would change the parse. */
const TRAPS = [
  '```sh\n# not a heading, a comment\n\n# still code\n```\n',
  '~~~~\ncode\n\n# code\n~~~\n\n# code too (the fence needs four)\n~~~~\n',
  '<pre>\nkept as html\n\n# inside pre\n</pre>\n',
  '<!-- a comment\n\n# inside the comment\n-->\n',
  '- item\n\n  ```\n  fenced in the item\n\n# a real heading that closes the list and its fence\n  ```\n\nafter the fence opened at top level\n\n# inside that fence\n```\n',
  '> quote\n\n# heading after a quote\n',
  '    indented code\n\n# heading after indented code\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n\n# heading after a table\n',
];

function parseCounting(calls: string[]): (markdown: string) => Root {
  return (markdown) => {
    calls.push(markdown);
    return fromMarkdown(markdown);
  };
}

describe('Markdown parsed in sections', () => {
  it('gives the blocks of a whole parse on a large changelog, with lines and offsets of the whole file', () => {
    const source = `# Changelog\n\n${Array.from({ length: 100 }, (_, i) => release(100 - i)).join('\n')}`;
    expect(source.length).toBeGreaterThan(DEFAULT_SECTIONING.wholeMaxChars);
    const sectioned = extractMarkdown(source);
    expect(sectioned).toEqual(extractMarkdown(source, WHOLE));
    expectSpansInSource(sectioned.blocks, source, (raw) => raw.replace(/\\([[\]])/g, '$1'));
    expectLinesAligned(sectioned.blocks, source);
    const heading = sectioned.blocks.find((block) => block.text === 'Version 7.0.0');
    expect(heading?.startLine).toBe(lineOfOffset(source, source.indexOf('## Version 7.0.0')));
    expect(heading?.headingPath).toEqual(['Changelog']);
  });

  it('is cut into several parses, each a part of the file', () => {
    const source = `# Changelog\n\n${Array.from({ length: 100 }, (_, i) => release(i)).join('\n')}`;
    const calls: string[] = [];
    const trees = [...parseInSections(source, new LineIndex(source), parseCounting(calls))];
    expect(trees.length).toBeGreaterThan(3);
    expect(calls.join('')).toBe(source);
    expect(Math.max(...calls.map((text) => text.length))).toBeLessThan(source.length / 3);
  });

  it('does not cut inside a fence, an HTML block or a list that runs past the blank line', () => {
    const source = TRAPS.map((trap, i) => `## Part ${i}\n\n${trap}`).join('\n');
    const sectioned = extractMarkdown(source, EVERY_HEADING);
    expect(sectioned).toEqual(extractMarkdown(source, WHOLE));
    const codeWithComment = sectioned.blocks.find((block) => block.text.includes('# still code'));
    expect(codeWithComment?.kind).toBe('code');
    expect(sectioned.blocks.filter((block) => block.kind === 'heading').map((block) => block.text)).toContain('a real heading that closes the list and its fence');
  });

  it('parses a file whole when a link definition anywhere resolves references in other sections', () => {
    const source = `# Doc\n\nSee [the guide][guide] and [^1].\n\n${Array.from({ length: 8 }, (_, i) => release(i)).join('\n')}\n## Links\n\n[guide]: https://example.org/guide\n[^1]: A footnote.\n`;
    const calls: string[] = [];
    expect([...parseInSections(source, new LineIndex(source), parseCounting(calls), EVERY_HEADING)]).toHaveLength(1);
    const sectioned = extractMarkdown(source, EVERY_HEADING);
    expect(sectioned).toEqual(extractMarkdown(source, WHOLE));
    expect(sectioned.blocks.find((block) => block.text.startsWith('See'))?.text).toBe('See the guide and .');
  });

  it('keeps the sections when a definition-like line is only code', () => {
    const source = `# Doc\n\n${release(1)}\n## Trace\n\n\`\`\`console\n[eval]:1\n\`\`\`\n\n${release(2)}`;
    const calls: string[] = [];
    const trees = [...parseInSections(source, new LineIndex(source), parseCounting(calls), EVERY_HEADING)];
    expect(trees.length).toBeGreaterThan(1);
    expect(extractMarkdown(source, EVERY_HEADING)).toEqual(extractMarkdown(source, WHOLE));
  });

  it('gives the blocks of a whole parse on any sequence of headings, traps and paragraphs (CRLF too)', () => {
    const piece = fc.oneof(
      fc.constantFrom(...TRAPS),
      fc.integer({ min: 1, max: 6 }).map((level) => `${'#'.repeat(level)} Heading ${level}\n`),
      fc.constantFrom('A paragraph\nover two lines.\n', '- a\n- b\n', '```\nunclosed\n', '<div>\n# in div\n</div>\n', '\n', 'text\n# right after text\n'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.boolean(), (pieces, crlf) => {
        const text = pieces.join('\n');
        const source = crlf ? text.replace(/\n/g, '\r\n') : text;
        expect(extractMarkdown(source, EVERY_HEADING)).toEqual(extractMarkdown(source, WHOLE));
      }),
      { numRuns: 300 },
    );
  });
});
