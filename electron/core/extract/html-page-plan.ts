/**
 * The first of two streaming passes over an HTML page (html-walk.ts): what the block walk must know before it
 * starts but can only learn from what comes later in the page. Where the main content is (a <main> may follow
 * the chrome), which forms hold prose (decided by their descendants) and the page's title. It keeps a few
 * ordinals, never the page.
 */
import { isDropped, isProse } from './html-chrome.ts';
import { walkHtml, type OpenElement } from './html-walk.ts';

export interface HtmlPagePlan {
  /** Ordinals of the elements whose content is read; `undefined`: the whole page (it has no <body>). */
  readonly contentRoots?: ReadonlySet<number>;
  readonly formsWithProse: ReadonlySet<number>;
  readonly title?: string;
}

export function planHtmlPage(html: string): HtmlPagePlan {
  const formsWithProse = new Set<number>();
  const outermostArticles = new Set<number>();
  /** Ordinals of the open articles that are read (not hidden); an article inside one is not a root. */
  const openArticles = new Set<number>();
  let main: number | undefined;
  let roleMain: number | undefined;
  let body: number | undefined;
  const title = new TitleReader();

  walkHtml(html, {
    open(element, ancestors) {
      if (isProse(element.name)) for (const a of ancestors) if (a.name === 'form') formsWithProse.add(a.ordinal);
      if (element.name === 'body') body ??= element.ordinal;
      if (element.name === 'article' && !isDropped(element, { ancestors, formsWithProse })) {
        if (openArticles.size === 0) outermostArticles.add(element.ordinal);
        openArticles.add(element.ordinal);
      }
      title.open(element, ancestors);
    },
    close(element, ancestors) {
      openArticles.delete(element.ordinal);
      // Decided at the close: a form's prose is known only once its content has been read.
      const context = { ancestors, formsWithProse };
      if (element.name === 'main' && !isDropped(element, context)) main = first(main, element.ordinal);
      if (element.attribs['role'] === 'main' && !isDropped(element, context)) roleMain = first(roleMain, element.ordinal);
      title.close(element);
    },
    text(node) {
      title.text(node.text);
    },
  });

  const root = main ?? roleMain;
  const contentRoots = root !== undefined ? new Set([root]) : outermostArticles.size > 0 ? outermostArticles : body !== undefined ? new Set([body]) : undefined;
  const pageTitle = title.value;
  return { ...(contentRoots ? { contentRoots } : {}), formsWithProse, ...(pageTitle ? { title: pageTitle } : {}) };
}

function first(current: number | undefined, ordinal: number): number {
  return current === undefined ? ordinal : Math.min(current, ordinal);
}

/** The text of the first <title> in the first <head>; on a page without <head>, of the first <title>. */
class TitleReader {
  private head: number | undefined;
  private headTitle: number | undefined;
  private firstTitle: number | undefined;
  private readonly headTitleText: string[] = [];
  private readonly firstTitleText: string[] = [];
  private inHeadTitle = false;
  private inFirstTitle = false;

  open(element: OpenElement, ancestors: readonly OpenElement[]): void {
    if (element.name === 'head') this.head ??= element.ordinal;
    if (element.name !== 'title') return;
    if (this.firstTitle === undefined) {
      this.firstTitle = element.ordinal;
      this.inFirstTitle = true;
    }
    if (this.headTitle === undefined && this.head !== undefined && ancestors.some((a) => a.ordinal === this.head)) {
      this.headTitle = element.ordinal;
      this.inHeadTitle = true;
    }
  }

  close(element: OpenElement): void {
    if (element.ordinal === this.firstTitle) this.inFirstTitle = false;
    if (element.ordinal === this.headTitle) this.inHeadTitle = false;
  }

  text(text: string): void {
    if (this.inFirstTitle) this.firstTitleText.push(text);
    if (this.inHeadTitle) this.headTitleText.push(text);
  }

  get value(): string | undefined {
    const text = collapse((this.head !== undefined ? this.headTitleText : this.firstTitleText).join(''));
    return text === '' ? undefined : text;
  }
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
