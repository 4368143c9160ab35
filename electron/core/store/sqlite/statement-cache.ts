/** Prepared statements kept per SQL text: preparing costs about as much as running a small query. */
import type { SqliteDatabase, SqliteStatement } from '../../../../native/sqlite.ts';

export class StatementCache {
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(private readonly db: SqliteDatabase) {}

  get(sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Forgets every statement, e.g. after a table they were prepared against was dropped and recreated. */
  clear(): void {
    this.statements.clear();
  }
}
