/**
 * Slide decks (PPTX, ODP) as blocks: one block per slide, its page the slide number (citations print
 * "slide N"), its heading the slide's title. Lines are lines of the slide's text: title, body paragraphs,
 * then the speaker notes under a "Speaker notes:" line.
 */
import type { TextBlock } from '../types.ts';
import type { Extraction } from './block.ts';

export interface Slide {
  readonly title?: string;
  /** Paragraphs of the slide's text boxes, tables and shapes, title excluded, in reading order. */
  readonly paragraphs: readonly string[];
  readonly notes: readonly string[];
}

export const NOTES_LINE = 'Speaker notes:';

export function slideBlocks(slides: readonly Slide[], title?: string): Extraction {
  const blocks: TextBlock[] = [];
  let offset = 0;
  slides.forEach((slide, index) => {
    const lines = [
      ...(slide.title ? [slide.title] : []),
      ...slide.paragraphs,
      ...(slide.notes.length > 0 ? [NOTES_LINE, ...slide.notes] : []),
    ].flatMap((paragraph) => paragraph.split('\n'));
    const text = lines.join('\n');
    if (text.trim() !== '') {
      const headingPath = slide.title ? [oneLine(slide.title)] : [];
      blocks.push({ kind: 'page', text, headingPath, page: index + 1, startLine: 1, endLine: lines.length, startChar: offset, endChar: offset + text.length });
    }
    offset += text.length + 1; // slides are separated by one line break in the extracted text
  });
  const deckTitle = title ?? slides.find((slide) => slide.title)?.title;
  return deckTitle ? { blocks, title: oneLine(deckTitle) } : { blocks };
}

/** Paragraph text with whitespace runs collapsed, kept when it has any. */
export function cleanParagraph(text: string): string | undefined {
  const clean = text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
  return clean === '' ? undefined : clean;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
