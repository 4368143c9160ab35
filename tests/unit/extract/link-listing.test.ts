import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../../electron/core/extract/html.ts';
import { extractMarkdown } from '../../../electron/core/extract/markdown.ts';

const TOPICS = Array.from({ length: 24 }, (_, i) => `Topic number ${i + 1}`);

function page(title: string, body: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

describe('pages that are listings of links', () => {
  it('marks an HTML start page that is only a table of contents, in every block', () => {
    const list = `<ul>${TOPICS.map((t, i) => `<li><a href="t${i}.html">${t}</a></li>`).join('\n')}</ul>`;
    const { blocks } = extractHtml(page('Server Manual', `<h1>Server Manual</h1>\n${list}`));
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.every((b) => b.role === 'contents')).toBe(true);
  });

  it('marks a titled index whose terms are plain text beside their links', () => {
    const entries = TOPICS.map((t, i) => `<dt>term ${i}, <a href="t${i}.html#x">${t}</a></dt>`).join('\n');
    const { blocks } = extractHtml(page('Index', `<h1>Index</h1><dl>${entries}</dl>`));
    expect(blocks.every((b) => b.role === 'index')).toBe(true);
    // The same page under another title is not a listing: too much of it is not links.
    expect(extractHtml(page('Notes', `<h1>Notes</h1><dl>${entries}</dl>`)).blocks.every((b) => b.role === undefined)).toBe(true);
  });

  it('leaves prose with many links alone, and short link lists too', () => {
    const prose = TOPICS.map((t, i) => `<p>See <a href="t${i}.html">${t}</a> for how the server keeps its data safe during a crash and restarts cleanly.</p>`).join('\n');
    expect(extractHtml(page('Guide', prose)).blocks.every((b) => b.role === undefined)).toBe(true);
    const short = `<ul>${TOPICS.slice(0, 5).map((t, i) => `<li><a href="t${i}.html">${t}</a></li>`).join('')}</ul>`;
    expect(extractHtml(page('Links', short)).blocks.every((b) => b.role === undefined)).toBe(true);
  });

  it('marks a Markdown summary of links (mdBook SUMMARY.md), not a README with links', () => {
    const summary = ['# Summary', '', ...TOPICS.map((t, i) => `- [${t}](chapter-${i}.md)`)].join('\n');
    expect(extractMarkdown(summary).blocks.every((b) => b.role === 'contents')).toBe(true);
    const readme = ['# Tool', '', ...TOPICS.map((t, i) => `The tool explains [${t}](c${i}.md) in detail, with examples of each option.`)].join('\n\n');
    expect(extractMarkdown(readme).blocks.every((b) => b.role === undefined)).toBe(true);
  });
});
