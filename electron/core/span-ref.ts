/**
 * How a passage's span is written in citations, by the kind of unit its format counts: lines of text
 * (`notes.md:3-7`), PDF pages (`report.pdf#page=2`), slides (`deck.pptx#slide=4`: a deck's page is its slide
 * number) or spreadsheet rows (`book.xlsx, Sheet1, rows 2-40`: a sheet's lines are its row numbers and its
 * heading is the sheet's name).
 */
export type SpanUnit = 'lines' | 'page' | 'slide' | 'rows';

const SLIDE_EXTENSIONS = new Set(['pptx', 'odp']);
const SHEET_EXTENSIONS = new Set(['xlsx', 'ods']);

export interface CitedSpan {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
  /** The passage's heading: for a spreadsheet, the sheet's name. */
  readonly heading?: string | null;
}

export function spanUnitOf(path: string, page: number | null): SpanUnit {
  const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (page !== null) return SLIDE_EXTENSIONS.has(extension) ? 'slide' : 'page';
  return SHEET_EXTENSIONS.has(extension) ? 'rows' : 'lines';
}

export function spanRef(span: CitedSpan): string {
  const range = span.startLine === span.endLine ? `${span.startLine}` : `${span.startLine}-${span.endLine}`;
  switch (spanUnitOf(span.path, span.page)) {
    case 'slide':
      return `${span.path}#slide=${span.page}`;
    case 'page':
      return `${span.path}#page=${span.page}`;
    case 'rows':
      return `${span.path}, ${span.heading ? `${span.heading}, ` : ''}${span.startLine === span.endLine ? 'row' : 'rows'} ${range}`;
    default:
      return `${span.path}:${range}`;
  }
}
