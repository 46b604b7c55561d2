import type Database from 'better-sqlite3';
import type { ReviewComment, ReviewSide } from '../../shared/review-comments.js';

/** A comment as stored: everything but `stale`, which depends on the file as it is now. */
export type StoredReviewComment = Omit<ReviewComment, 'stale'>;

interface Row {
  id: string;
  session_id: string;
  file: string;
  side: ReviewSide;
  start_line: number;
  end_line: number;
  quote: string;
  body: string;
  state: 'draft' | 'sent';
  created_at: string;
  sent_at: string | null;
}

function fromRow(row: Row): StoredReviewComment {
  return {
    id: row.id,
    sessionId: row.session_id,
    file: row.file,
    side: row.side,
    startLine: row.start_line,
    endLine: row.end_line,
    quote: row.quote,
    body: row.body,
    state: row.state,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** Review comments per session (table review_comments, migration 015; removed with the session's record). */
export class ReviewCommentRepository {
  constructor(private readonly db: Database.Database) {}

  list(sessionId: string): StoredReviewComment[] {
    return this.db
      .prepare<[string], Row>('SELECT * FROM review_comments WHERE session_id = ? ORDER BY created_at, id')
      .all(sessionId)
      .map(fromRow);
  }

  get(sessionId: string, id: string): StoredReviewComment | undefined {
    const row = this.db
      .prepare<[string, string], Row>('SELECT * FROM review_comments WHERE session_id = ? AND id = ?')
      .get(sessionId, id);
    return row && fromRow(row);
  }

  add(c: StoredReviewComment): void {
    this.db
      .prepare(
        `INSERT INTO review_comments (id, session_id, file, side, start_line, end_line, quote, body, state, created_at, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.sessionId, c.file, c.side, c.startLine, c.endLine, c.quote, c.body, c.state, c.createdAt, c.sentAt);
  }

  setBody(sessionId: string, id: string, body: string): boolean {
    const result = this.db
      .prepare('UPDATE review_comments SET body = ? WHERE session_id = ? AND id = ?')
      .run(body, sessionId, id);
    return result.changes > 0;
  }

  remove(sessionId: string, id: string): boolean {
    return (
      this.db.prepare('DELETE FROM review_comments WHERE session_id = ? AND id = ?').run(sessionId, id).changes > 0
    );
  }

  /** Marks these drafts sent, all at once. */
  markSent(sessionId: string, ids: readonly string[], sentAt: string): void {
    const update = this.db.prepare(
      "UPDATE review_comments SET state = 'sent', sent_at = ? WHERE session_id = ? AND id = ? AND state = 'draft'",
    );
    this.db.transaction(() => ids.forEach((id) => update.run(sentAt, sessionId, id)))();
  }
}
