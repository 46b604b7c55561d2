-- Worktrees that cost less and don't clash (issue 15).
-- Each session's block of ports (FLOTILLA_PORT…): first port and size, kept across restarts and released with
-- the session's record (ON DELETE CASCADE). UNIQUE first_port: two sessions never get the same block.
CREATE TABLE session_ports (
  session_id  TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  first_port  INTEGER NOT NULL UNIQUE,
  size        INTEGER NOT NULL CHECK (size > 0),
  assigned_at TEXT NOT NULL
);
-- Heavy folders per repository (node_modules, .venv): JSON [{path, mode: 'clone' | 'symlink'}].
ALTER TABLE repo_settings ADD COLUMN heavy_folders TEXT NOT NULL DEFAULT '[]';
