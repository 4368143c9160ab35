/** What is kept of an answer for feedback: the question, the sources as given (with their text), configuration, citations. */
import { sep } from 'node:path';
import type { AskResult } from '../answer/types.ts';
import { numberedSourceOf } from '../types.ts';
import type { AnswerRecord, GivenSource } from './types.ts';

export function answerRecord(question: string, result: AskResult, at: number, indexedFolders: readonly string[]): AnswerRecord {
  // Extractive answers show their passages as citations and give no separate source list.
  const given = result.sources.length > 0 ? result.sources : result.citations;
  const sources: GivenSource[] = given.map((s) => ({
    ...numberedSourceOf(s),
    heading: s.heading,
    text: s.text ?? '',
    sha256: s.textSha256 ?? '',
  }));
  return {
    at,
    question,
    kind: result.kind,
    answer: result.answer,
    configuration: { model: result.model, adapters: result.adapters.map((a) => ({ path: a.path, scale: a.scale })) },
    sources,
    citations: result.citations.map((c) => c.n),
    folders: foldersOf(sources.map((s) => s.path), indexedFolders),
  };
}

/** The indexed folders (longest match) holding `paths`, each once, in the order first met. */
function foldersOf(paths: readonly string[], folders: readonly string[]): string[] {
  const byLength = [...folders].sort((a, b) => b.length - a.length);
  const found = new Set<string>();
  for (const path of paths) {
    const folder = byLength.find((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep));
    if (folder !== undefined) found.add(folder);
  }
  return [...found];
}
