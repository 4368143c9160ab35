import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../../electron/core/extract/html.ts';
import { expectSpansInSource } from './fixtures.ts';

/** Raw HTML → its visible characters, for checking that block words come from the cited lines. */
function stripMarkup(raw: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', eacute: 'é', quot: '"', '#39': "'" };
  return raw.replace(/<[^>]*>/g, ' ').replace(/&(#?\w+);/g, (whole, name: string) => entities[name] ?? whole);
}

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Caf&eacute; Guide &amp; Notes</title>
  <style>.menu { color: red }</style>
  <script>window.analytics = "tracking";</script>
</head>
<body>
  <header class="site"><a href="/">SiteBrand</a> <span>Tagline chrome</span></header>
  <nav><ul><li><a href="/a">NavLinkOne</a></li><li><a href="/b">NavLinkTwo</a></li></ul></nav>
  <div role="navigation">Breadcrumbs chrome</div>
  <main>
    <article>
      <header><h1>Brewing Coffee</h1><p class="byline">By Ann</p></header>
      <p>Good coffee needs fresh beans &amp; clean
         water at 94&nbsp;°C.</p>
      <h2>Equipment</h2>
      <ul>
        <li>A burr grinder</li>
        <li>A kettle with <em>gooseneck</em> spout</li>
      </ul>
      <pre><code>grind 18g
brew 4 minutes</code></pre>
      <table>
        <tr><th>Method</th><th>Time</th></tr>
        <tr><td>French press</td><td>4 min</td></tr>
      </table>
      <h3>Grinders</h3>
      <dl><dt>Burr</dt><dd>Even particles</dd></dl>
      <blockquote>Coffee is a language in itself.</blockquote>
      <div hidden>HiddenText</div>
      <span aria-hidden="true">AriaHiddenText</span>
      <div style="display: none">InvisibleText</div>
      <form><input name="q"><button>SearchButton</button></form>
      <svg><text>SvgText</text></svg>
      <noscript>NoScriptText</noscript>
      <template><p>TemplateText</p></template>
      <aside>Related posts chrome</aside>
    </article>
  </main>
  <footer>Copyright FooterChrome</footer>
  <script>document.write("ScriptText")</script>
</body>
</html>
`;

const CHROME = ['SiteBrand', 'Tagline', 'NavLink', 'Breadcrumbs', 'HiddenText', 'AriaHiddenText', 'InvisibleText', 'SearchButton', 'SvgText', 'NoScriptText', 'TemplateText', 'Related', 'FooterChrome', 'ScriptText', 'tracking', 'color'];

describe('extractHtml', () => {
  const { blocks, title } = extractHtml(PAGE);
  const find = (text: string) => blocks.find((b) => b.text.includes(text));

  it('takes the title from <title>, entities decoded', () => {
    expect(title).toBe('Café Guide & Notes');
  });

  it('reads only the main content: no navigation, header, footer, scripts or hidden elements', () => {
    const all = blocks.map((b) => b.text).join('\n');
    for (const chrome of CHROME) expect(all).not.toContain(chrome);
  });

  it('makes heading blocks and tracks the heading path', () => {
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level, b.headingPath])).toEqual([
      ['Brewing Coffee', 1, []],
      ['Equipment', 2, ['Brewing Coffee']],
      ['Grinders', 3, ['Brewing Coffee', 'Equipment']],
    ]);
    expect(find('Even particles')?.headingPath).toEqual(['Brewing Coffee', 'Equipment', 'Grinders']);
  });

  it('collapses whitespace and decodes entities in paragraphs', () => {
    expect(find('Good coffee')).toMatchObject({ kind: 'paragraph', text: 'Good coffee needs fresh beans & clean water at 94 °C.', startLine: 16, endLine: 17 });
  });

  it('makes list items, table rows, definitions, quotes and preformatted code into blocks', () => {
    expect(find('burr grinder')).toMatchObject({ kind: 'list', text: 'A burr grinder', startLine: 20 });
    expect(find('kettle')).toMatchObject({ kind: 'list', text: 'A kettle with gooseneck spout', startLine: 21 });
    expect(find('grind 18g')).toMatchObject({ kind: 'code', text: 'grind 18g\nbrew 4 minutes', startLine: 23, endLine: 24 });
    expect(find('Method')).toMatchObject({ kind: 'row', text: 'Method | Time', startLine: 26 });
    expect(find('French press')).toMatchObject({ kind: 'row', text: 'French press | 4 min', startLine: 27 });
    expect(find('Burr')).toMatchObject({ kind: 'list', text: 'Burr' });
    expect(find('language')).toMatchObject({ kind: 'paragraph', text: 'Coffee is a language in itself.' });
    expect(find('By Ann')).toBeDefined();
  });

  it('keeps every block within its source lines and character span', () => {
    expectSpansInSource(blocks, PAGE, stripMarkup);
  });

  it('falls back to the body without chrome when there is no <main> or <article>', () => {
    const page = '<html><body><nav>Menu</nav><header>Logo</header><h1>Plain</h1><div>Body text <b>here</b></div><footer>Foot</footer></body></html>';
    const result = extractHtml(page);
    expect(result.blocks.map((b) => b.text)).toEqual(['Plain', 'Body text here']);
    expect(result.title).toBeUndefined();
  });

  it('prefers [role=main] and keeps pages that wrap everything in one form', () => {
    const page = '<body><form id="aspnet"><div role="banner">Banner</div><div role="main"><h2>Inside</h2><p>Content</p></div><div>Outside</div></form></body>';
    expect(extractHtml(page).blocks.map((b) => b.text)).toEqual(['Inside', 'Content']);
  });

  it('reads several articles when there is no <main>', () => {
    const page = '<body><nav>x</nav><article><p>One</p></article><div>Sidebar</div><article><p>Two</p></article></body>';
    expect(extractHtml(page).blocks.map((b) => b.text)).toEqual(['One', 'Two']);
  });

  it('keeps document order when inline text precedes a block element', () => {
    const page = '<div>Intro text<pre>code()</pre>after<h2>Head</h2>tail</div>';
    expect(extractHtml(page).blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Intro text'],
      ['code', 'code()'],
      ['paragraph', 'after'],
      ['heading', 'Head'],
      ['paragraph', 'tail'],
    ]);
  });

  it('survives malformed markup', () => {
    const page = '<p>Unclosed <b>bold\n<p>Next para &amp co <div>and</p> stray</span>';
    const result = extractHtml(page);
    expect(result.blocks.map((b) => b.text).join(' ')).toContain('Unclosed bold');
    expectSpansInSource(result.blocks, page, stripMarkup);
  });

  it('reads a realistic page: its sections and lists, not its script or navigation', () => {
    // How fast a folder of such pages is parsed is measured by scripts/bench/index-html.ts, not here.
    const section = (i: number) => `<h2>Section ${i}</h2>\n<p>${'Lorem ipsum dolor sit amet, consectetur &amp; adipiscing elit. '.repeat(8)}</p>\n<ul>${'<li>Item <a href="#">link</a></li>'.repeat(5)}</ul>\n`;
    const page = `<html><head><title>T</title><script>${'var x = 1;'.repeat(500)}</script></head><body><nav>${'<a href="#">n</a>'.repeat(50)}</nav><main>${Array.from({ length: 40 }, (_, i) => section(i)).join('')}</main></body></html>`;
    const { blocks } = extractHtml(page);
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(Array.from({ length: 40 }, (_, i) => `Section ${i}`));
    expect(blocks.filter((b) => b.text.includes('consectetur & adipiscing'))).toHaveLength(40);
    expect(blocks.filter((b) => b.text.includes('Item link')).length).toBeGreaterThanOrEqual(40);
    expect(blocks.some((b) => b.text.includes('var x'))).toBe(false);
    expectSpansInSource(blocks, page, stripMarkup);
  });

  it('keeps spans exact for arbitrary nestings of elements (property)', () => {
    const text = fc.array(fc.constantFrom('owl', 'Café', '&amp;', '&eacute;t&eacute;', '42', '\n', '  ', 'naïve'), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    const html: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        fc.tuple(fc.constantFrom('p', 'div', 'li', 'h2', 'h3', 'td', 'pre', 'b', 'span', 'section', 'nav', 'blockquote'), fc.array(tie('node'), { maxLength: 3 }))
          .map(([tag, children]) => `<${tag}>${children.join('\n')}</${tag}>`),
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => `<table>\n<tr><td>${a}</td>\n<td>${b}</td></tr></table>`),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(html, { maxLength: 6 }), (parts) => {
        const page = `<html><body>\n${parts.join('\n')}\n</body></html>`;
        expectSpansInSource(extractHtml(page).blocks, page, stripMarkup);
      }),
      { numRuns: 300 },
    );
  });
});
