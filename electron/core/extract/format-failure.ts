/**
 * Raised by format readers, which know nothing of file paths; `extractFile` turns it into an
 * ExtractionError for the file. Anything else a parser throws is reported as PARSE_FAILED.
 */
export class FormatFailure extends Error {
  constructor(
    readonly code: 'PARSE_FAILED' | 'ENCRYPTED' | 'TOO_LARGE' | 'NESTING_LIMIT' | 'IMAGE_TOO_LARGE' | 'OCR_FAILED' | 'TIMED_OUT' | 'NO_TEXT' | 'UNSUPPORTED_TYPE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FormatFailure';
  }
}
