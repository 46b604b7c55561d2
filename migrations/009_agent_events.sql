-- What agents did in a session (issue 13 §3), read from their CLIs' transcripts and hooks: messages, tool
-- calls, files. source_key names the line or call it came from, so reading it again records nothing.
CREATE TABLE agent_events (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  source_key  TEXT NOT NULL,
  kind        TEXT NOT NULL,
  at          TEXT NOT NULL,
  source      TEXT NOT NULL,
  text        TEXT,
  tool        TEXT,
  call_id     TEXT,
  input       TEXT,
  outcome     TEXT,
  path        TEXT,
  UNIQUE (session_id, source_key)
);
CREATE INDEX agent_events_call ON agent_events(session_id, call_id);

-- How far each session's transcript has been read, so a restarted host continues after it.
CREATE TABLE transcript_cursors (
  session_id  TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  path        TEXT NOT NULL,
  offset      INTEGER NOT NULL
);
