/**
 * Dispatch for the office and e-book formats beyond DOCX: slides, spreadsheets, e-books, OpenDocument text and
 * RTF. Each reader loads on first use (most folders hold none of them). All run in the bounded extraction worker
 * (bounded-extractor.ts: every format that is not text goes there), and the zip-based ones open their package
 * through the zip-bomb checks (zip-package.ts).
 */
import type { DocFormat } from '../types.ts';
import type { Extraction } from './block.ts';

export const PACKAGED_FORMATS: ReadonlySet<DocFormat> = new Set(['slides', 'spreadsheet', 'epub', 'odt', 'rtf']);

export async function extractPackaged(bytes: Uint8Array, format: DocFormat, extension: string): Promise<Extraction> {
  switch (format) {
    case 'slides':
      return extension === 'odp' ? (await import('./odp.ts')).extractOdp(bytes) : (await import('./pptx.ts')).extractPptx(bytes);
    case 'spreadsheet':
      return extension === 'ods' ? (await import('./ods.ts')).extractOds(bytes) : (await import('./xlsx.ts')).extractXlsx(bytes);
    case 'epub':
      return (await import('./epub.ts')).extractEpub(bytes);
    case 'odt':
      return (await import('./odt.ts')).extractOdt(bytes);
    case 'rtf':
      return (await import('./rtf.ts')).extractRtf(bytes);
    default:
      throw new Error(`extractPackaged does not read ${format}`);
  }
}
