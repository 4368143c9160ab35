/** Answers as given and the feedback on them (migration 8): the only SQL of feedback/ (see feedback/types.ts). */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import type { AnswerRecord, Feedback, FeedbackStore, GivenSource, StoredAnswer, Verdict } from '../../feedback/types.ts';

interface AnswerRow {
  id: number;
  at: number;
  question: string;
  kind: string;
  answer: string;
  configuration: string;
  sources: string;
  citations: string;
  folders: string;
  verdict: string | null;
  corrected_answer: string | null;
  feedback_at: number | null;
}

const SELECT_ANSWERS = `
  SELECT a.*, f.verdict, f.corrected_answer, f.at AS feedback_at
  FROM answers a LEFT JOIN feedback f ON f.answer_id = a.id`;

export class FeedbackRepository implements FeedbackStore {
  constructor(private readonly db: SqliteDatabase) {}

  async saveAnswer(record: AnswerRecord): Promise<number> {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO answers (at, question, kind, answer, configuration, sources, citations, folders) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        record.at, record.question, record.kind, record.answer, JSON.stringify(record.configuration), JSON.stringify(record.sources),
        JSON.stringify(record.citations), JSON.stringify(record.folders),
      );
    return Number(lastInsertRowid);
  }

  async answer(id: number): Promise<StoredAnswer | undefined> {
    const row = this.db.prepare(`${SELECT_ANSWERS} WHERE a.id = ?`).get(id) as AnswerRow | undefined;
    return row && answerOf(row);
  }

  async saveFeedback(answerId: number, feedback: Feedback): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO feedback (answer_id, verdict, corrected_answer, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (answer_id) DO UPDATE SET verdict = excluded.verdict, corrected_answer = excluded.corrected_answer, at = excluded.at`,
      )
      .run(answerId, feedback.verdict, feedback.correctedAnswer, feedback.at);
  }

  async approved(since: number): Promise<StoredAnswer[]> {
    const rows = this.db
      .prepare(`${SELECT_ANSWERS} WHERE f.at >= ? AND (f.verdict = 'good' OR f.corrected_answer IS NOT NULL) ORDER BY f.at, a.id`)
      .all(since) as AnswerRow[];
    return rows.map(answerOf);
  }
}

function answerOf(row: AnswerRow): StoredAnswer {
  return {
    id: row.id,
    at: row.at,
    question: row.question,
    kind: row.kind as StoredAnswer['kind'],
    answer: row.answer,
    configuration: JSON.parse(row.configuration) as StoredAnswer['configuration'],
    sources: JSON.parse(row.sources) as GivenSource[],
    citations: JSON.parse(row.citations) as number[],
    folders: JSON.parse(row.folders) as string[],
    feedback:
      row.verdict === null ? null : { verdict: row.verdict as Verdict, correctedAnswer: row.corrected_answer, at: row.feedback_at ?? row.at },
  };
}
