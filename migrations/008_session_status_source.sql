-- Which source set the session's current status (hook, screen, process, user) and when.
-- NULL on rows from before: they read as "not recorded".
ALTER TABLE sessions ADD COLUMN status_source TEXT;
ALTER TABLE sessions ADD COLUMN status_since TEXT;
