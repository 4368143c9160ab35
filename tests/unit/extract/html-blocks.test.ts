/**
 * The streaming HTML walk where it must know what comes later or join what the parser reports in pieces:
 * a <main> after the chrome, a form that turns out to hold the page, text split by entities, elements left
 * open at the end of the page.
 */
import { describe, expect, it } from 'vitest';
import { htmlStructure } from '../../../electron/core/extract/html-blocks.ts';

const texts = (html: string) => htmlStructure(html).blocks.map((block) => block.text);

describe('htmlStructure (streaming)', () => {
  it('reads only a <main> that comes after text outside it', () => {
    expect(texts('<body><p>Before main</p><div><main><h1>Title</h1><p>Body</p></main></div><p>After main</p></body>')).toEqual(['Title', 'Body']);
  });

  it('takes the first <main> that is not hidden, else an element with role=main', () => {
    expect(texts('<main hidden><p>Hidden</p></main><main><p>Shown</p></main>')).toEqual(['Shown']);
    expect(texts('<p>Outside</p><main hidden><p>Hidden</p></main><div role="main"><p>Role main</p></div>')).toEqual(['Role main']);
  });

  it('keeps a form that wraps the page (headings or paragraphs further in) and drops a search form', () => {
    expect(texts('<body><form><div><div><h1>Page</h1><p>Text</p></div></div></form></body>')).toEqual(['Page', 'Text']);
    expect(texts('<body><form><input name="q"> Search the site</form><p>Text</p></body>')).toEqual(['Text']);
  });

  it('joins text the parser reports in pieces (entities) into one node, as the DOM does', () => {
    const html = '<p>&nbsp;Caf&eacute; au lait&nbsp;</p>';
    const [block] = htmlStructure(html).blocks;
    expect(block?.text).toBe('Café au lait');
    // One text node from the first &nbsp; to the last: only ASCII whitespace is trimmed off its span.
    expect(html.slice(block?.start, block?.end)).toBe('&nbsp;Caf&eacute; au lait&nbsp;');
  });

  it('reads elements left open at the end of the page', () => {
    expect(htmlStructure('<body><h2>Trailing heading').blocks).toEqual([{ kind: 'heading', text: 'Trailing heading', headingPath: [], level: 2, start: 10, end: 26 }]);
    expect(htmlStructure('<table><tr><td>a</td><td>b').blocks.map((b) => [b.kind, b.text])).toEqual([['row', 'a | b']]);
  });

  it('takes the title from the first <head> only, when the page has one', () => {
    expect(htmlStructure('<head></head><title>Outside head</title><p>x</p>').title).toBeUndefined();
    expect(htmlStructure('<title>No head</title><p>x</p>').title).toBe('No head');
  });
});
