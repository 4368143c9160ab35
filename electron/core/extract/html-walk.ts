/**
 * One streaming pass over an HTML page with htmlparser2's `Parser`: the page is never held as a tree, only the
 * chain of open elements. The events mirror the tree `parseDocument` would build (same implied opens and closes,
 * every element closed by the end), and text is delivered as that tree's text nodes: the parser reports text in
 * pieces (each entity is one), which are joined until the next tag, comment or declaration, exactly where
 * domhandler starts a new text node. So a walk over these events sees what a walk over the DOM would see.
 */
import { Parser } from 'htmlparser2';

export interface OpenElement {
  readonly name: string;
  readonly attribs: Readonly<Record<string, string>>;
  /** Position among the page's elements in document order: the same element has the same ordinal in every pass. */
  readonly ordinal: number;
}

/** A DOM text node: its decoded text and its half-open span in the source. */
export interface HtmlText {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface HtmlWalker {
  /** `ancestors` are the open elements around `element`, outermost first; the array is reused, copy to keep. */
  open(element: OpenElement, ancestors: readonly OpenElement[]): void;
  close(element: OpenElement, ancestors: readonly OpenElement[]): void;
  text(node: HtmlText, ancestors: readonly OpenElement[]): void;
}

export function walkHtml(html: string, walker: HtmlWalker): void {
  const stack: OpenElement[] = [];
  let ordinal = 0;
  let pieces: string[] = [];
  let textStart = 0;
  let textEnd = 0;
  const endText = (): void => {
    if (pieces.length === 0) return;
    const text = pieces.length === 1 ? (pieces[0] ?? '') : pieces.join('');
    pieces = [];
    walker.text({ text, start: textStart, end: textEnd }, stack);
  };
  const parser: Parser = new Parser({
    ontext(data) {
      if (pieces.length === 0) textStart = parser.startIndex;
      textEnd = parser.endIndex + 1;
      pieces.push(data);
    },
    onopentag(name, attribs) {
      endText();
      const element: OpenElement = { name, attribs, ordinal: ordinal++ };
      walker.open(element, stack);
      stack.push(element);
    },
    onclosetag() {
      endText();
      const element = stack.pop();
      if (element) walker.close(element, stack);
    },
    oncomment: endText,
    onprocessinginstruction: endText,
    oncdatastart: endText,
    onend: endText,
  });
  parser.end(html);
}
