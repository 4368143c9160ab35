/**
 * Domain types shared by the engine's stages (extract → chunk → embed → store → retrieve).
 * Pure data: no I/O, no classes, so every stage can be tested on its own.
 */

/** The formats Trove knows how to read. Everything else is skipped with a reason. */
export type DocFormat =
  | 'text' | 'markdown' | 'code' | 'html' | 'pdf' | 'docx' | 'csv' | 'json'
  | 'slides' | 'spreadsheet' | 'epub' | 'odt' | 'rtf' | 'image' | 'mail';

export type BlockKind = 'heading' | 'paragraph' | 'code' | 'list' | 'table' | 'row' | 'page';

/**
 * What a passage is for, when it is not ordinary text: a table of contents or a back-of-book index lists every
 * keyword of a document without explaining any, so search ranks such passages below the ones that explain.
 */
export type PassageRole = 'contents' | 'index';

/** How a passage's text was obtained, when not from the file's own text: `ocr` for scanned pages and images. */
export type TextOrigin = 'ocr';

/**
 * Where a piece of text sits in its source. Lines are 1-based and inclusive. For text-like formats (text,
 * Markdown, code, HTML, CSV, JSON) they are lines of the source file itself, so `file:line` citations open at
 * the right place. For PDF they are lines of the page's extracted text and `page` is set; for DOCX they are
 * lines of the extracted plain text.
 */
export interface SourceSpan {
  /** Titles of the enclosing sections, outermost first. */
  readonly headingPath: readonly string[];
  readonly startLine: number;
  readonly endLine: number;
  /** 1-based page number for paged formats: the PDF page, or the slide of a deck (PPTX, ODP). */
  readonly page?: number;
  /** Offsets (UTF-16 code units, end exclusive) into the decoded source text, or into the extracted text for binary formats. */
  readonly startChar: number;
  readonly endChar: number;
}

/** One structural piece of a document, as found by an extractor. A heading block's headingPath lists its parents, not itself. */
export interface TextBlock extends SourceSpan {
  readonly kind: BlockKind;
  /** The text to index and show, already cleaned (markup removed, whitespace normalised). */
  readonly text: string;
  /** Heading level 1–6 for heading blocks. */
  readonly level?: number;
  /** Set on contents and index pages (PDF) and on pages that are wholly such a listing (HTML). */
  readonly role?: PassageRole;
  /** Set when the text was read from pixels (a scanned PDF page, an image): citations say so. */
  readonly origin?: TextOrigin;
}

/** Part of a file that could not be read while the rest was (a scanned page OCR could not read), with why. */
export interface ExtractionNotice {
  /** 1-based page, for paged formats. */
  readonly page?: number;
  readonly code: 'OCR_FAILED' | 'TIMED_OUT' | 'IMAGE_TOO_LARGE';
  readonly message: string;
}

export interface ExtractedDocument {
  readonly format: DocFormat;
  readonly blocks: readonly TextBlock[];
  /** A document title where the format has one (HTML <title>, first Markdown H1, PDF metadata). */
  readonly title?: string;
  /** The encoding the bytes were decoded with, for text formats. */
  readonly encoding?: string;
  /** Parts left out (pages OCR could not read), each with its reason; absent when everything was read. */
  readonly notices?: readonly ExtractionNotice[];
}

/** A retrievable unit: what gets embedded, indexed for BM25 and cited. */
export interface Chunk extends SourceSpan {
  /** 0-based position in the document. */
  readonly seq: number;
  readonly text: string;
  /** Estimated or real token count of `text`. */
  readonly tokens: number;
  /** The role of the block the chunk starts in, when it has one. */
  readonly role?: PassageRole;
  /** `ocr` when the chunk's block was read by OCR. */
  readonly origin?: TextOrigin;
}

/** A source numbered [n] for a model, and where its chunk sits in its file: shared by answers, saved chats and the audit log. */
export interface NumberedSource {
  readonly n: number;
  readonly chunkId: number;
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
}

/** Only the NumberedSource fields of a richer source, for storing or sending it without the rest. */
export function numberedSourceOf(source: NumberedSource): NumberedSource {
  return { n: source.n, chunkId: source.chunkId, path: source.path, startLine: source.startLine, endLine: source.endLine, page: source.page };
}

export interface ChunkingOptions {
  /** Target upper bound for a chunk, in tokens. */
  readonly maxTokens: number;
  /** How many tokens of the previous chunk's tail to repeat at the start of the next one. */
  readonly overlapTokens: number;
}

/** Counts tokens. The default estimates; with a model loaded, the model's tokenizer can be passed in. */
export type TokenCounter = (text: string) => number;

/** Port: turns texts into vectors. Implemented over node-llama-cpp, or by fakes in tests. */
export interface Embedder {
  /** Stable identity of the model (file name + size + hash prefix), part of the embedding fingerprint. */
  readonly modelId: string;
  readonly dimensions: number;
  embedDocuments(texts: readonly string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** Port: the time source, so tests can control "now". */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
