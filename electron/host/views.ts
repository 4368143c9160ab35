/** Turns the engine's rows into the API's plain views (api.ts), so the window never depends on engine types. */
import { sep } from 'node:path';
import type { EngineStatus, FolderStatus } from '../core/engine.ts';
import type { IndexProgress } from '../core/index/indexer.ts';
import type { MessageRow } from '../core/store/sqlite/conversation-repository.ts';
import type { DocumentProblem } from '../core/store/sqlite/rows.ts';
import type { AnswerKindView, FolderView, IndexProgressView, MessageView, SourceView } from '../shared/api.ts';

/** Every folder of the index with the problems of its own files (a file of a nested folder belongs to the innermost). */
export function folderViews(status: Pick<EngineStatus, 'folders' | 'problems'>): FolderView[] {
  const paths = status.folders.map((folder) => folder.path);
  const problemsOf = new Map<string, DocumentProblem[]>();
  for (const problem of status.problems) {
    const folder = owningFolder(problem.path, paths);
    const list = problemsOf.get(folder) ?? [];
    list.push(problem);
    problemsOf.set(folder, list);
  }
  return status.folders.map((folder) => folderView(folder, problemsOf.get(folder.path) ?? []));
}

/** The innermost of `folders` that holds `path`; '' when none does. */
export function owningFolder(path: string, folders: readonly string[]): string {
  return folders.filter((folder) => path.startsWith(folder.endsWith(sep) ? folder : folder + sep)).sort((a, b) => b.length - a.length)[0] ?? '';
}

export function folderView(folder: FolderStatus, problems: readonly DocumentProblem[]): FolderView {
  return {
    path: folder.path,
    status: folder.status,
    paused: folder.settings.paused === true,
    ocr: folder.settings.ocr !== false,
    error: folder.error,
    documents: folder.documents,
    chunks: folder.chunks,
    failed: folder.failed,
    skipped: folder.skipped,
    pending: folder.pending,
    indexedAt: folder.indexedAt,
    indexedBy: folder.indexedBy ?? null,
    problems: problems.map((p) => ({ path: p.path, status: p.status, code: p.code, message: p.message })),
  };
}

export function progressView(progress: IndexProgress): IndexProgressView {
  return {
    folder: progress.folder,
    phase: progress.phase,
    filesDone: progress.filesDone,
    filesTotal: progress.filesTotal,
    chunks: progress.chunks,
    etaMs: progress.etaMs ?? null,
    currentPath: progress.currentPath ?? null,
  };
}

const KINDS: readonly AnswerKindView[] = ['generated', 'extractive', 'abstained', 'ungrounded'];

export function messageView(row: MessageRow): MessageView {
  const kind = KINDS.find((k) => k === row.kind) ?? null;
  return {
    id: row.id,
    role: row.role,
    text: row.text,
    kind,
    model: row.model,
    aborted: row.aborted,
    query: row.query,
    answerId: row.answerId,
    sources: row.sources.map((s): SourceView => ({ ...s })),
    createdAt: row.createdAt,
  };
}
