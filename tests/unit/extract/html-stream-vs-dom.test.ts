// TEMPORARY: the streaming walk against the DOM walk it replaces, on generated tag soup. Deleted with the DOM walk.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlStructure as domStructure } from '../../../electron/core/extract/html-blocks-dom.ts';
import { htmlStructure } from '../../../electron/core/extract/html-blocks.ts';

const TAGS = [
  'p', 'div', 'span', 'a', 'em', 'h1', 'h2', 'h3', 'pre', 'code', 'table', 'tr', 'td', 'th', 'tbody', 'ul', 'ol', 'li', 'dl',
  'dt', 'dd', 'br', 'hr', 'main', 'article', 'section', 'header', 'footer', 'nav', 'aside', 'form', 'input', 'button', 'script',
  'style', 'title', 'head', 'body', 'html', 'svg', 'template', 'blockquote', 'img', 'label',
];
const ATTRS = ['', ' hidden', ' aria-hidden="true"', ' role="main"', ' role="navigation"', ' style="display:none"', ' href="/x"', ' class="c"'];
const TEXTS = ['Alpha', ' beta ', '\n  gamma\n', '&amp;', '&nbsp;', '&eacute;t&eacute;', ' ', '\t', 'x &lt; y', '¶', 'Index', 'Contents'];

const piece = fc.oneof(
  fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom(...ATTRS)).map(([tag, attr]) => `<${tag}${attr}>`),
  fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
  fc.constantFrom(...TEXTS),
  fc.constantFrom('<!-- note -->', '<!DOCTYPE html>', '<![CDATA[raw]]>', '<br/>', '</br>', '<p/>'),
);
const soup = fc.array(piece, { maxLength: 80 }).map((pieces) => pieces.join(''));
/** Nested elements, closed or left open, so chrome inside content sections and rows inside tables are common. */
const { tree } = fc.letrec<{ tree: string }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TEXTS),
    fc
      .tuple(fc.constantFrom(...TAGS), fc.constantFrom(...ATTRS), fc.array(tie('tree'), { maxLength: 4 }), fc.boolean())
      .map(([tag, attr, children, closed]) => `<${tag}${attr}>${children.join('')}${closed ? `</${tag}>` : ''}`),
  ),
}));
const page = fc.oneof(soup, fc.array(tree, { maxLength: 4 }).map((trees) => trees.join('')));

describe('streaming HTML walk', () => {
  it('gives exactly the DOM walk’s blocks, title and role on generated pages', () => {
    fc.assert(
      fc.property(page, (html) => {
        expect(htmlStructure(html)).toEqual(domStructure(html));
      }),
      { numRuns: 6000 },
    );
  });

  it('agrees on the edge cases of each rule', () => {
    const cases = [
      '<head></head><title>Outside head</title><p>Body text</p>',
      '<title>First</title><head><title>In head</title></head><p>x</p>',
      '<main><p>Outer</p><main><p>Inner</p></main></main><p>after</p>',
      '<div><main hidden><p>Hidden main</p></main><div role="main"><p>Role main</p></div></div>',
      '<form role="main"><h2>Form heading</h2></form><p>outside</p>',
      '<article><article><p>Nested</p></article></article><article hidden><p>h</p></article><article><p>Second</p></article>',
      '<table><tr><td hidden>Hidden cell</td><td>Shown <span hidden>no</span>cell</td><div>Not a cell</div></tr></table>',
      '<h2>Title <a href="#t">¶</a></h2><pre>\nline one\n  line two\n</pre><h3>Unclosed',
      '<body hidden><p>Hidden body</p></body>',
      'Top text<p>para &amp; more</p><!-- c -->tail',
    ];
    for (const html of cases) expect(htmlStructure(html), html).toEqual(domStructure(html));
  });

  it('agrees on link listings', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/p${i}">Page ${i}</a></li>`).join('');
    for (const html of [`<title>Index</title><body><ul>${links}</ul></body>`, `<main><h1>Contents</h1><ul>${links}</ul></main>`, `<ul>${links}</ul>`]) {
      expect(htmlStructure(html)).toEqual(domStructure(html));
    }
  });
});
