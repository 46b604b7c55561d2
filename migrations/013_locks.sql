-- Advisory locks sessions hold (issue 14, `flotilla lock`, auto-lock before a write in a shared worktree).
-- One holder per (scope, key): key is the repository's path (scope repo) or the worktree's path (scope path).
-- repo_path lets `flotilla locks --repo` list a repository's path locks too. A lock goes with its session's
-- record (ON DELETE CASCADE); the engine releases it earlier, when the session ends.
CREATE TABLE session_locks (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  scope        TEXT NOT NULL CHECK (scope IN ('repo', 'path')),
  key          TEXT NOT NULL,
  repo_path    TEXT NOT NULL,
  reason       TEXT NOT NULL,
  -- 1: taken by the pre-tool hook before a write, released when the agent's turn ends.
  auto         INTEGER NOT NULL DEFAULT 0,
  acquired_at  TEXT NOT NULL,
  UNIQUE (scope, key)
);
CREATE INDEX session_locks_session ON session_locks(session_id);
