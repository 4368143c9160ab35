/**
 * Conversations (electron/core/conversation/ owns them): messages and, per assistant message, what it searched
 * for and every source it was given (with whether the answer cited it). Plain rows in, plain rows out.
 */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import type { NumberedSource } from '../../types.ts';

export interface ConversationRow {
  readonly id: number;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface SourceRow extends NumberedSource {
  readonly heading: string;
  readonly cited: boolean;
}

export interface MessageRow {
  readonly id: number;
  readonly conversationId: number;
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly kind: string | null;
  readonly model: string | null;
  readonly aborted: boolean;
  /** Assistant messages: what was searched for, when recorded (a follow-up made to stand alone). */
  readonly query: string | null;
  /** Assistant messages: the answer's record for feedback (feedback/), null for answers written before it. */
  readonly answerId: number | null;
  readonly createdAt: number;
  readonly sources: readonly SourceRow[];
}

export interface NewMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly kind?: string | null;
  readonly model?: string | null;
  readonly aborted?: boolean;
  readonly query?: string | null;
  readonly answerId?: number | null;
  readonly sources?: readonly SourceRow[];
}

export class ConversationRepository {
  constructor(private readonly db: SqliteDatabase) {}

  create(title: string, now: number): ConversationRow {
    const { lastInsertRowid } = this.db.prepare('INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)').run(title, now, now);
    return { id: Number(lastInsertRowid), title, createdAt: now, updatedAt: now };
  }

  /** Most recently active first. */
  list(): ConversationRow[] {
    return this.db
      .prepare('SELECT id, title, created_at AS createdAt, updated_at AS updatedAt FROM conversations ORDER BY updated_at DESC, id DESC')
      .all() as ConversationRow[];
  }

  byId(id: number): ConversationRow | undefined {
    return this.db.prepare('SELECT id, title, created_at AS createdAt, updated_at AS updatedAt FROM conversations WHERE id = ?').get(id) as
      | ConversationRow
      | undefined;
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
  }

  /** Appends a message (with its sources) and marks the conversation active, in one transaction. */
  append(conversationId: number, message: NewMessage, now: number): MessageRow {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO messages (conversation_id, role, text, kind, model, aborted, query, answer_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(conversationId, message.role, message.text, message.kind ?? null, message.model ?? null, message.aborted ? 1 : 0, message.query ?? null, message.answerId ?? null, now);
      const id = Number(lastInsertRowid);
      const insert = this.db.prepare(
        'INSERT INTO citations (message_id, n, chunk_id, path, start_line, end_line, page, heading, cited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const s of message.sources ?? []) insert.run(id, s.n, s.chunkId, s.path, s.startLine, s.endLine, s.page, s.heading, s.cited ? 1 : 0);
      this.db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(now, conversationId);
      return {
        id,
        conversationId,
        role: message.role,
        text: message.text,
        kind: message.kind ?? null,
        model: message.model ?? null,
        aborted: message.aborted ?? false,
        query: message.query ?? null,
        answerId: message.answerId ?? null,
        createdAt: now,
        sources: message.sources ?? [],
      };
    })();
  }

  /** Removes one message (a question whose answer failed), with its sources. */
  removeMessage(id: number): void {
    this.db.prepare('DELETE FROM messages WHERE id = ?').run(id);
  }

  /** Removes the last question and its answer (for "regenerate"); returns the question's text. */
  dropLastExchange(conversationId: number): string | undefined {
    const last = this.messages(conversationId).slice(-2);
    const [question, answer] = last;
    if (question?.role !== 'user' || answer?.role !== 'assistant') return undefined;
    this.db.prepare('DELETE FROM messages WHERE id IN (?, ?)').run(question.id, answer.id);
    return question.text;
  }

  /** Messages in the order they were written, each with its sources. */
  messages(conversationId: number): MessageRow[] {
    const rows = this.db
      .prepare(
        `SELECT id, conversation_id AS conversationId, role, text, kind, model, aborted, query, answer_id AS answerId, created_at AS createdAt
         FROM messages WHERE conversation_id = ? ORDER BY id`,
      )
      .all(conversationId) as (Omit<MessageRow, 'aborted' | 'sources'> & { aborted: number })[];
    const sources = this.db.prepare(
      `SELECT n, chunk_id AS chunkId, path, start_line AS startLine, end_line AS endLine, page, heading, cited
       FROM citations WHERE message_id = ? ORDER BY n`,
    );
    return rows.map((row) => ({
      ...row,
      aborted: row.aborted === 1,
      sources: (sources.all(row.id) as (Omit<SourceRow, 'cited'> & { cited: number })[]).map((s) => ({ ...s, cited: s.cited === 1 })),
    }));
  }
}
