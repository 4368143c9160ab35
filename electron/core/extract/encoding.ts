/**
 * Bytes → text. Order matters: a byte-order mark wins; UTF-16 without a BOM must be recognised before the
 * UTF-8 check because ASCII-range UTF-16 is also valid UTF-8 (NULs included); strict UTF-8 comes next
 * because it almost never validates by accident; only then do we guess a legacy encoding with chardet,
 * falling back to windows-1252, the superset of Latin-1 that most unlabelled Western text really is.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  /** The decoded text, without a byte-order mark. */
  readonly text: string;
  /** WHATWG-style lower-case encoding label, e.g. "utf-8", "utf-16le", "windows-1252". */
  readonly encoding: string;
}

export type Utf16Encoding = 'utf-16le' | 'utf-16be';

const FALLBACK_ENCODING = 'windows-1252';
/** chardet scores below this are noise on short inputs (it offers Shift_JIS at 10 for plain Latin-1). */
const MIN_GUESS_CONFIDENCE = 15;
/** How much of a file chardet and the UTF-16 sniffer look at; enough for a stable guess, cheap on big files. */
const SNIFF_BYTES = 64 * 1024;
/** Unicode names chardet may offer that the steps before the guess have already ruled out. */
const RULED_OUT_BY_EARLIER_STEPS = new Set(['utf-8', 'ascii', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = byteOrderMark(bytes);
  if (bom) return { text: decodeAs(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding };

  const utf16 = sniffUtf16WithoutBom(bytes);
  if (utf16) return { text: decodeAs(bytes, utf16), encoding: utf16 };

  const utf8 = tryStrictUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };

  const guess = guessLegacyEncoding(bytes);
  return { text: decodeAs(bytes, guess), encoding: guess };
}

export function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 text that is mostly ASCII-range has a NUL in every other byte: the high byte of each code unit.
 * NULs at odd offsets mean little-endian, at even offsets big-endian. Text in non-Latin scripts has few
 * NULs and is left to the later steps.
 */
export function sniffUtf16WithoutBom(bytes: Uint8Array): Utf16Encoding | undefined {
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  const units = length / 2;
  if (units < 2) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const mostly = 0.4 * units;
  const rarely = 0.05 * units;
  if (oddNuls >= mostly && evenNuls <= rarely) return 'utf-16le';
  if (evenNuls >= mostly && oddNuls <= rarely) return 'utf-16be';
  return undefined;
}

function tryStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function guessLegacyEncoding(bytes: Uint8Array): string {
  for (const match of chardet.analyse(bytes.subarray(0, SNIFF_BYTES))) {
    if (match.confidence < MIN_GUESS_CONFIDENCE) break;
    const name = match.name.toLowerCase();
    if (RULED_OUT_BY_EARLIER_STEPS.has(name)) continue;
    // Browsers treat Latin-1 labels as windows-1252 too: it only adds printable characters in 0x80–0x9F.
    if (name === 'iso-8859-1') return FALLBACK_ENCODING;
    if (iconv.encodingExists(name)) return name;
  }
  return FALLBACK_ENCODING;
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
}
