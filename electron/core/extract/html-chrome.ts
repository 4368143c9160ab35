/** Which HTML elements are never read: page chrome, controls, media, hidden elements and the document head. */
import type { OpenElement } from './html-walk.ts';

/** Never readable content: scripts, chrome, controls, embedded media, and the document head. */
const DROPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'aside', 'button', 'select',
  'input', 'textarea', 'label', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'map', 'dialog',
  'head', 'title', 'meta', 'link', 'base',
]);
/** Landmark roles that mark chrome even on a plain <div>. */
const DROPPED_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary', 'menu', 'menubar', 'toolbar']);
export const HEADING_LEVELS: ReadonlyMap<string, number> = new Map([['h1', 1], ['h2', 2], ['h3', 3], ['h4', 4], ['h5', 5], ['h6', 6]]);

/**
 * Forms are chrome (search boxes, sign-up) except on pages that wrap their whole body in one form, as
 * ASP.NET WebForms does; such a form holds headings or paragraphs (at any depth) and is kept.
 */
export function isProse(name: string): boolean {
  return name === 'p' || name === 'article' || name === 'main' || HEADING_LEVELS.has(name);
}

/** What deciding an element needs beyond its own name and attributes. */
export interface ChromeContext {
  /** The open elements around it, outermost first. */
  readonly ancestors: readonly OpenElement[];
  /** Ordinals of the <form> elements that hold prose (found by a first pass: a form is decided by what follows). */
  readonly formsWithProse: ReadonlySet<number>;
}

export function isDropped(element: OpenElement, context: ChromeContext): boolean {
  const { name, attribs } = element;
  if (DROPPED_TAGS.has(name)) return true;
  if (name === 'form' && !context.formsWithProse.has(element.ordinal)) return true;
  if ((name === 'header' || name === 'footer') && !insideContentSection(context.ancestors)) return true;
  if (attribs['hidden'] !== undefined || attribs['aria-hidden'] === 'true') return true;
  const role = attribs['role'];
  if (role !== undefined && DROPPED_ROLES.has(role)) return true;
  const style = attribs['style'];
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** A <header>/<footer> inside <article> or <main> is the article's own (title, byline), not page chrome. */
function insideContentSection(ancestors: readonly OpenElement[]): boolean {
  return ancestors.some((a) => a.name === 'article' || a.name === 'main');
}
