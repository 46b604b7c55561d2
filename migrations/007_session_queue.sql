-- When a session was queued behind the max-concurrent-sessions limit (NULL: not waiting for a slot).
-- A queued session is a 'creating' record whose worktree and agent are not made yet.
ALTER TABLE sessions ADD COLUMN queued_at TEXT;
