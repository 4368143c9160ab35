/**
 * PowerPoint decks (PPTX): slides in presentation order (`p:sldIdLst`), each slide's paragraphs from its text
 * boxes, tables and grouped shapes, its title from the title placeholder, and its speaker notes from the notes
 * slide's body placeholder. Parts are read through the zip-bomb checks (zip-package.ts).
 */
import type { Extraction } from './block.ts';
import { relationships, requiredXml, runText } from './ooxml-parts.ts';
import { cleanParagraph, slideBlocks, type Slide } from './slides.ts';
import { attribute, childElements, descendants, firstDescendant, isElement, localName, parseXml, type XmlDocument, type XmlElement } from './xml-tree.ts';
import { openZipPackage, type ZipPackage } from './zip-package.ts';

const WHAT = 'The slide deck';
const PRESENTATION = 'ppt/presentation.xml';
const TITLE_PLACEHOLDERS = new Set(['title', 'ctrTitle']);
/** Placeholders that repeat what every slide shows (numbers, dates, footers), not the slide's content. */
const FURNITURE_PLACEHOLDERS = new Set(['sldNum', 'dt', 'ftr', 'hdr', 'sldImg']);

export async function extractPptx(bytes: Uint8Array): Promise<Extraction> {
  const pkg = await openZipPackage(bytes, WHAT);
  const presentation = await requiredXml(pkg, PRESENTATION, WHAT);
  const rels = await relationships(pkg, PRESENTATION);
  const slides: Slide[] = [];
  for (const slideId of descendants(presentation, 'sldId')) {
    const part = rels.get(attribute(slideId, 'r:id') ?? '')?.part;
    if (part !== undefined) slides.push(await readSlide(pkg, part));
  }
  return slideBlocks(slides);
}

async function readSlide(pkg: ZipPackage, part: string): Promise<Slide> {
  const slide = await requiredXml(pkg, part, WHAT);
  let title: string | undefined;
  const paragraphs: string[] = [];
  for (const { text, placeholder } of shapeParagraphs(slide)) {
    if (placeholder !== undefined && TITLE_PLACEHOLDERS.has(placeholder)) title = title === undefined ? text : `${title} ${text}`;
    else if (placeholder === undefined || !FURNITURE_PLACEHOLDERS.has(placeholder)) paragraphs.push(text);
  }
  const notesPart = [...(await relationships(pkg, part)).values()].find((rel) => rel.type === 'notesSlide')?.part;
  const notes = notesPart === undefined ? [] : await readNotes(pkg, notesPart);
  return { ...(title === undefined ? {} : { title }), paragraphs, notes };
}

/** The notes slide also holds a picture of the slide and its number; the notes are its body placeholder. */
async function readNotes(pkg: ZipPackage, part: string): Promise<string[]> {
  const text = await pkg.text(part);
  if (text === undefined) return [];
  return shapeParagraphs(parseXml(text))
    .filter(({ placeholder }) => placeholder === 'body')
    .map(({ text: paragraph }) => paragraph);
}

/** Every non-empty paragraph (`a:p`) in document order, with the placeholder type of the shape holding it. */
function shapeParagraphs(document: XmlDocument): Array<{ text: string; placeholder: string | undefined }> {
  const out: Array<{ text: string; placeholder: string | undefined }> = [];
  for (const paragraph of descendants(document, 'p')) {
    const text = cleanParagraph(runText(paragraph));
    if (text !== undefined) out.push({ text, placeholder: placeholderOf(paragraph) });
  }
  return out;
}

/** `p:sp/p:nvSpPr/p:nvPr/p:ph@type` of the shape around a paragraph ("body" when a placeholder names no type). */
function placeholderOf(paragraph: XmlElement): string | undefined {
  let node = paragraph.parent;
  while (node && !(isElement(node) && localName(node.name) === 'sp')) node = node.parent;
  if (!node) return undefined;
  const nvSpPr = childElements(node as XmlElement, 'nvSpPr')[0];
  const ph = nvSpPr ? firstDescendant(nvSpPr, 'ph') : undefined;
  if (!ph) return undefined;
  return attribute(ph, 'type') ?? 'body';
}
