-- Sessions and their timestamped lifecycle history.
CREATE TABLE repos (
  path        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  last_used_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  provider        TEXT NOT NULL,
  prompt          TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN
                    ('creating','running','waiting','idle','paused','completed','failed','cancelled')),
  repo_path       TEXT NOT NULL REFERENCES repos(path),
  base_branch     TEXT NOT NULL,
  branch          TEXT NOT NULL,
  worktree_path   TEXT NOT NULL,
  pid             INTEGER,
  pid_start_time  TEXT,
  conversation_id TEXT,
  auto_yes        INTEGER NOT NULL DEFAULT 0,
  exit_code       INTEGER,
  error           TEXT,
  cols            INTEGER NOT NULL DEFAULT 120,
  rows            INTEGER NOT NULL DEFAULT 32,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  last_activity_at TEXT NOT NULL
);
CREATE INDEX sessions_status ON sessions(status);
CREATE UNIQUE INDEX sessions_branch ON sessions(repo_path, branch);

CREATE TABLE session_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  at          TEXT NOT NULL,
  kind        TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT,
  detail      TEXT
);
CREATE INDEX session_events_session ON session_events(session_id, id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
