-- Per-repository worktree setup: files copied into each new worktree and a setup command run there
-- before the agent starts. Keyed by the repository's top-level path, like sessions.repo_path.
CREATE TABLE repo_settings (
  repo_path         TEXT PRIMARY KEY,
  copy_files        TEXT NOT NULL DEFAULT '[]',
  setup_command     TEXT NOT NULL DEFAULT '',
  setup_timeout_sec INTEGER NOT NULL DEFAULT 600,
  updated_at        TEXT NOT NULL
);
