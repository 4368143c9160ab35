/** Turns the engine's rows into the API's plain views (api.ts), so the window never depends on engine types. */
import type { FolderStatus } from '../core/engine.ts';
import type { IndexProgress } from '../core/index/indexer.ts';
import type { MessageRow } from '../core/store/sqlite/conversation-repository.ts';
import type { DocumentProblem } from '../core/store/sqlite/rows.ts';
import type { AnswerKindView, FolderView, IndexProgressView, MessageView, SourceView } from '../shared/api.ts';

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
