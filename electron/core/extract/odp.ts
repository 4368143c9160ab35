/**
 * OpenDocument presentations (ODP): `draw:page`s in order, the title from the frame of class "title", the
 * speaker notes from `presentation:notes`.
 */
import type { Extraction } from './block.ts';
import { odfContent, odfParagraphs } from './odf-text.ts';
import { cleanParagraph, slideBlocks, type Slide } from './slides.ts';
import { attribute, childElements, descendants, localName, type XmlElement } from './xml-tree.ts';

const WHAT = 'The slide deck';

export async function extractOdp(bytes: Uint8Array): Promise<Extraction> {
  const content = await odfContent(bytes, WHAT);
  return slideBlocks(descendants(content, 'page').map(readPage));
}

function readPage(page: XmlElement): Slide {
  let title: string | undefined;
  const paragraphs: string[] = [];
  const notes: string[] = [];
  for (const child of childElements(page)) {
    const name = localName(child.name);
    if (name === 'notes') notes.push(...cleaned(odfParagraphs(child)));
    else if (name === 'frame' && attribute(child, 'presentation:class') === 'title') title = cleaned(odfParagraphs(child)).join(' ') || title;
    else if (!(name === 'frame' && ['page-number', 'date-time', 'footer', 'header'].includes(attribute(child, 'presentation:class') ?? ''))) {
      paragraphs.push(...cleaned(odfParagraphs(child)));
    }
  }
  return { ...(title ? { title } : {}), paragraphs, notes };
}

function cleaned(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((paragraph) => cleanParagraph(paragraph) ?? []);
}
