-- Review comments (issue 15): comments on lines of a session's diff, sent to its agent as one message.
-- Removed with the session's record (ON DELETE CASCADE).
CREATE TABLE review_comments (
  id          TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  -- Path relative to the worktree, '/'-separated.
  file        TEXT NOT NULL,
  -- 'new': lines of the worktree's file; 'old': lines of the base's file (a deleted line).
  side        TEXT NOT NULL CHECK (side IN ('new', 'old')),
  start_line  INTEGER NOT NULL CHECK (start_line >= 1),
  end_line    INTEGER NOT NULL CHECK (end_line >= start_line),
  -- The lines it covers, as they were when the comment was made (stale once they no longer match).
  quote       TEXT NOT NULL,
  body        TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('draft', 'sent')),
  created_at  TEXT NOT NULL,
  sent_at     TEXT
);
CREATE INDEX review_comments_session ON review_comments(session_id);
