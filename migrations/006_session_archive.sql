-- When a finished session was archived out of the grid (NULL: not archived). Archiving hides it from the
-- grid's default view without deleting its record, screen or worktree.
ALTER TABLE sessions ADD COLUMN archived_at TEXT;
