-- Validators (issue 15): per-repository checks run in each session's worktree, and each session's latest
-- validation (kept so the badge and the merge gate survive a host restart).
CREATE TABLE validators (
  repo_path    TEXT NOT NULL,
  name         TEXT NOT NULL,
  -- JSON array of strings: the argv, run without a shell.
  argv         TEXT NOT NULL,
  timeout_sec  INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (repo_path, name)
);

CREATE TABLE session_validations (
  session_id   TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  -- JSON ValidationReport (shared/validation.ts): status, head, results with their output tails.
  report       TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
