-- Token usage per session, read from the agent CLIs' transcripts (engine/usage/).
-- One row per counted unit: a Claude message id (its usage taken once, the largest seen), or one step of a
-- cumulative counter (Codex token_count), so a transcript read twice (host restart, resume) counts once.
CREATE TABLE session_usage (
  session_id          TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  key                 TEXT NOT NULL,
  model               TEXT,
  -- UTC day (YYYY-MM-DD) of the transcript entry, for `flotilla usage --by day`.
  day                 TEXT NOT NULL,
  input_tokens        INTEGER NOT NULL DEFAULT 0,
  output_tokens       INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens   INTEGER NOT NULL DEFAULT 0,
  cache_write_tokens  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, key)
);

-- The last value of each cumulative counter a session's transcript carries (Codex's total_token_usage),
-- with the time of the entry it came from: entries at or before it were counted already.
CREATE TABLE usage_counters (
  session_id          TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  counter             TEXT NOT NULL,
  at                  TEXT NOT NULL,
  input_tokens        INTEGER NOT NULL,
  output_tokens       INTEGER NOT NULL,
  cache_read_tokens   INTEGER NOT NULL,
  cache_write_tokens  INTEGER NOT NULL,
  PRIMARY KEY (session_id, counter)
);
