/**
 * Answers mark the words that match the question as Markdown bold (**word**). A terminal shows them in bold;
 * anything else (a pipe, a file, NO_COLOR) keeps the Markdown, which reads fine as text.
 */
const BOLD = /\*\*([^*\n]+)\*\*/g;

export function forTerminal(text: string, stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): string {
  const color = stream.isTTY === true && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
  return color ? text.replace(BOLD, '\u001b[1m$1\u001b[22m') : text;
}
