/**
 * What PPTX and XLSX packages share: relationship parts (`_rels/*.rels`, which map ids to the parts they name)
 * and DrawingML/SpreadsheetML run text.
 */
import { DomUtils } from 'htmlparser2';
import { FormatFailure } from './format-failure.ts';
import { attribute, descendants, isElement, localName, parseXml, type XmlDocument, type XmlElement } from './xml-tree.ts';
import { resolvePartPath, type ZipPackage } from './zip-package.ts';

export interface Relationship {
  /** The target part's path inside the package. */
  readonly part: string;
  /** The relationship type's last segment: "slide", "notesSlide", "worksheet". */
  readonly type: string;
}

/** The relationships of `part`, by id (`ppt/slides/_rels/slide1.xml.rels` for `ppt/slides/slide1.xml`). */
export async function relationships(pkg: ZipPackage, part: string): Promise<Map<string, Relationship>> {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const text = await pkg.text(relsPath);
  const byId = new Map<string, Relationship>();
  if (text === undefined) return byId;
  for (const rel of descendants(parseXml(text), 'Relationship')) {
    const id = attribute(rel, 'Id');
    const target = attribute(rel, 'Target');
    if (id === undefined || target === undefined || attribute(rel, 'TargetMode') === 'External') continue;
    byId.set(id, { part: resolvePartPath(part, target), type: (attribute(rel, 'Type') ?? '').split('/').at(-1) ?? '' });
  }
  return byId;
}

/** A part that must be there, parsed. */
export async function requiredXml(pkg: ZipPackage, part: string, what: string): Promise<XmlDocument> {
  const text = await pkg.text(part);
  if (text === undefined) throw new FormatFailure('PARSE_FAILED', `${what} has no "${part}" part (damaged, or not really this format).`);
  return parseXml(text);
}

/** The text of a run container (`a:p`, `si`, `is`): its `t` elements, with breaks and tabs. */
export function runText(element: XmlElement): string {
  let text = '';
  for (const child of element.children) {
    if (!isElement(child)) continue;
    const name = localName(child.name);
    if (name === 't') text += DomUtils.textContent(child);
    else if (name === 'br') text += '\n';
    else if (name === 'tab') text += '\t';
    // Phonetic guides (rPh) repeat a reading of the text, not its content.
    else if (name !== 'rPh') text += runText(child);
  }
  return text;
}
