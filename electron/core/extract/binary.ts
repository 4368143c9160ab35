/**
 * Does a supposedly textual file hold binary data? Looks at the head only, like git and `isbinaryfile`:
 * a NUL byte outside UTF-16, or a high share of control characters, means binary.
 */
import { byteOrderMark, sniffUtf16WithoutBom } from './encoding.ts';

const HEAD_BYTES = 8000;
/** Share of control characters above which the head is considered binary. */
const MAX_CONTROL_SHARE = 0.1;

export function looksBinary(bytes: Uint8Array): boolean {
  if (byteOrderMark(bytes) || sniffUtf16WithoutBom(bytes)) return false;
  const head = bytes.subarray(0, HEAD_BYTES);
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (isControl(byte)) controls++;
  }
  return head.length > 0 && controls / head.length > MAX_CONTROL_SHARE;
}

/** Control bytes that do not occur in text: everything below 0x20 except \t \n \v \f \r and ESC (ANSI colours in logs). */
function isControl(byte: number): boolean {
  return byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1b;
}
