/**
 * XML parts of office packages (OOXML, OpenDocument, EPUB's package files), parsed with htmlparser2 in XML mode
 * into a DOM. Elements are matched by local name, without their prefix: the prefixes are conventions
 * ("a:", "text:"), and a package may bind the same namespace to another.
 */
import { DomUtils, parseDocument } from 'htmlparser2';

export type XmlDocument = ReturnType<typeof parseDocument>;
export type XmlNode = XmlDocument['children'][number];
export type XmlElement = Parameters<typeof DomUtils.getAttributeValue>[0];

export function parseXml(text: string): XmlDocument {
  return parseDocument(text, { xmlMode: true, decodeEntities: true });
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export function isElement(node: XmlNode | XmlDocument): node is XmlElement {
  return DomUtils.isTag(node as XmlNode);
}

/** Every descendant element with this local name, in document order. */
export function descendants(root: XmlNode | XmlDocument | readonly XmlNode[], name: string): XmlElement[] {
  const nodes = Array.isArray(root) ? (root as XmlNode[]) : 'children' in root ? root.children : [];
  return DomUtils.findAll((element) => localName(element.name) === name, nodes);
}

/** The direct child elements, optionally only those with this local name. */
export function childElements(element: XmlElement | XmlDocument, name?: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => isElement(child) && (name === undefined || localName(child.name) === name));
}

/** The first descendant with this local name. */
export function firstDescendant(root: XmlNode | XmlDocument, name: string): XmlElement | undefined {
  const nodes = 'children' in root ? root.children : [];
  return DomUtils.findOne((element) => localName(element.name) === name, nodes) ?? undefined;
}

/** An attribute by its exact name, else by local name ("outline-level" finds "text:outline-level"). */
export function attribute(element: XmlElement, name: string): string | undefined {
  if (name in element.attribs) return element.attribs[name];
  for (const [key, value] of Object.entries(element.attribs)) {
    if (localName(key) === name) return value;
  }
  return undefined;
}

/** Whether some ancestor of `element`, below `stop`, has one of these local names. */
export function hasAncestor(element: XmlElement, names: ReadonlySet<string>, stop?: XmlElement): boolean {
  for (let node = element.parent; node && node !== stop; node = node.parent) {
    if (isElement(node as XmlNode) && names.has(localName((node as XmlElement).name))) return true;
  }
  return false;
}
