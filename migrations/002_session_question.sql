-- The approval question currently on a session's screen (JSON {text, options}), so it survives a restart.
ALTER TABLE sessions ADD COLUMN question TEXT;
