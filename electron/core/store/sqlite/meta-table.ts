/** Key/value settings kept inside the index itself (schema facts, fingerprints, configured models). */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';

export class MetaTable {
  constructor(private readonly db: SqliteDatabase) {}

  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  set(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }
}

/** A list kept as a JSON array under `key`; empty when there is none or the stored value is not one. */
export function storedList(meta: Pick<MetaTable, 'get'>, key: string): unknown[] {
  const stored = meta.get(key);
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
