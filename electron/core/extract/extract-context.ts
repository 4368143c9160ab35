/** What a file's extraction may use besides its bytes: OCR (when on for the file's folder) and a progress sink. */
import type { OcrReader } from './ocr/ocr-reader.ts';

export interface ExtractContext {
  /** Reads scanned pages and images; absent when OCR is off for the folder. */
  readonly ocr?: OcrReader;
  /** Called as OCR works through a file: pages read so far, of those that need OCR (0 once OCR is ready). */
  readonly onPages?: (done: number, total: number) => void;
}
