/** "Searched for: …" — shown with an answer (app and CLI) when its search differed from the question. */

/**
 * The search query of an answer when it is not just the question again (a follow-up made to stand alone), else
 * null. Case, spacing and end punctuation do not count as a difference.
 */
export function searchedFor(question: string | undefined, query: string | null): string | null {
  if (query === null || query.trim() === '') return null;
  const plain = (text: string) => text.toLowerCase().replace(/[\s?!.]+/g, ' ').trim();
  return question !== undefined && plain(question) === plain(query) ? null : query;
}
