/**
 * The naive baseline for dev sets: one FTS5 row per PDF page and per other file (whole text), the
 * `porter unicode61` tokenizer, and plain bm25 over the question's words. Text comes from Trove's own
 * extractors so that only the ranking differs. A file row matches any gold span of that file (its lines are
 * not narrowed), a page row the gold spans of that page.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { extractFile, isSupported } from '../../electron/core/extract/index.ts';
import type { EvalDataset } from '../../electron/core/eval/dataset.ts';
import { hitAt } from '../../electron/core/eval/metrics.ts';
import { mean } from '../../electron/core/eval/stats.ts';
import { openSqlite } from '../../native/sqlite.ts';

const TOP = 5;

export interface NaiveNumbers {
  readonly rows: number;
  readonly hitAt5: number;
  readonly followUpHitAt5: number | null;
  readonly standaloneHitAt5: number | null;
}

export async function measureNaiveFts(folder: string, dataset: EvalDataset, dbFile: string): Promise<NaiveNumbers> {
  const db = openSqlite(dbFile);
  try {
    db.exec("CREATE VIRTUAL TABLE pages USING fts5(text, path UNINDEXED, page UNINDEXED, tokenize = 'porter unicode61')");
    const insert = db.prepare('INSERT INTO pages (text, path, page) VALUES (?, ?, ?)');
    let rows = 0;
    for (const path of await filesUnder(folder)) {
      const document = await extractFile(path).catch(() => undefined);
      if (!document) continue;
      const byPage = new Map<number | null, string[]>();
      for (const block of document.blocks) {
        const key = block.page ?? null;
        byPage.set(key, [...(byPage.get(key) ?? []), block.text]);
      }
      for (const [page, texts] of byPage) {
        insert.run(texts.join('\n'), path, page);
        rows++;
      }
    }
    const search = db.prepare<[string, number], { path: string; page: number | null }>('SELECT path, page FROM pages WHERE pages MATCH ? ORDER BY bm25(pages) LIMIT ?');
    const hit = (question: string, judgments: ReadonlyMap<string, number>) => {
      const query = ftsQuery(question);
      const found = query === '' ? [] : search.all(query, TOP);
      const ids = found.map((row) => dataset.hitId({ path: row.path, page: row.page, startLine: 1, endLine: Number.MAX_SAFE_INTEGER }, judgments));
      return hitAt(ids, judgments, TOP);
    };
    const answerable = dataset.questions.filter((q) => q.answerable);
    const conversations = dataset.conversations ?? [];
    return {
      rows,
      hitAt5: mean(answerable.map((q) => hit(q.text, q.judgments))),
      followUpHitAt5: conversations.length === 0 ? null : mean(conversations.map((c) => hit(c.followUp, c.judgments))),
      standaloneHitAt5: conversations.length === 0 ? null : mean(conversations.map((c) => hit(c.standalone, c.judgments))),
    };
  } finally {
    db.close();
  }
}

/** Every word of the question as a quoted FTS5 term, any of them matching (bm25 ranks by how many and how rare). */
export function ftsQuery(question: string): string {
  const words = question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].map((word) => `"${word}"`).join(' OR ');
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && isSupported(e.name)).map((e) => join(e.parentPath, e.name)).sort();
}
