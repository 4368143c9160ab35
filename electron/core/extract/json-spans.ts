/**
 * Finds where the members of a JSON object or array sit in the source text. It only runs on text that
 * JSON.parse has already accepted, so it needs to track nothing but strings and bracket depth.
 */

export interface JsonMember {
  /** Object member name; undefined for array elements. */
  readonly key?: string;
  /** Position among its siblings. */
  readonly index: number;
  /** Half-open span of the whole member (`"key": value` or the element). */
  readonly start: number;
  readonly end: number;
  /** Where the member's value begins. */
  readonly valueStart: number;
}

/** Members of the container whose opening bracket is at `open`, in order. */
export function jsonMembers(text: string, open: number): JsonMember[] {
  const members: JsonMember[] = [];
  const isObject = text[open] === '{';
  let depth = 0;
  let start = -1;
  let keyEnd = -1;
  let valueStart = -1;
  let lastVisible = open + 1;

  const close = (): void => {
    if (start === -1) return;
    const key = isObject && keyEnd !== -1 ? (JSON.parse(text.slice(start, keyEnd)) as string) : undefined;
    const member = { index: members.length, start, end: lastVisible, valueStart: valueStart === -1 ? start : valueStart };
    members.push(key === undefined ? member : { key, ...member });
    start = keyEnd = valueStart = -1;
  };

  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (depth === 0 && start === -1 && c !== ',' && c !== '}' && c !== ']') start = i;
    if (depth === 0 && valueStart === -2) valueStart = i;
    if (c === '"') {
      const closing = endOfString(text, i);
      if (depth === 0 && isObject && keyEnd === -1) keyEnd = closing + 1;
      i = closing;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) {
        close();
        break;
      }
      depth--;
    } else if (depth === 0 && c === ',') {
      close();
      continue;
    } else if (depth === 0 && c === ':') {
      valueStart = -2; // the next visible character starts the value
    }
    lastVisible = i + 1;
  }
  return members;
}

/** Index of the quote that closes the string opening at `quote`. */
function endOfString(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
