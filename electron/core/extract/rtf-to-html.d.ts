// @iarna/rtf-to-html ships no types; this is the one function Trove calls.
declare module '@iarna/rtf-to-html' {
  interface RtfToHtmlOptions {
    /** Wraps the rendered paragraphs; the default adds a page with inline CSS. */
    template?: (doc: unknown, defaults: unknown, content: string) => string;
  }
  export function fromString(rtf: string, options: RtfToHtmlOptions, callback: (error: Error | null, html: string) => void): void;
}
