-- Messages between sessions (issue 14): queued until the target is idle at its prompt, then typed into it.
-- No foreign keys to sessions: a message outlives a removed target (it stays, failed, in the sender's list).
CREATE TABLE messages (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  target_id    TEXT NOT NULL,
  -- The target's name when the message was sent, for the error once its record is gone.
  target_name  TEXT NOT NULL,
  -- NULL: a person (the user's token) or Flotilla itself (a watch notice).
  sender_id    TEXT,
  sender_name  TEXT NOT NULL,
  text         TEXT NOT NULL,
  mode         TEXT NOT NULL CHECK (mode IN ('sequential', 'important', 'urgent')),
  state        TEXT NOT NULL CHECK (state IN ('queued', 'delivered', 'failed')),
  error        TEXT,
  created_at   TEXT NOT NULL,
  settled_at   TEXT
);
CREATE INDEX messages_target ON messages(target_id, state);
CREATE INDEX messages_sender ON messages(sender_id) WHERE sender_id IS NOT NULL;

-- `flotilla wait ID --notify`: the watcher is sent a message when the target goes idle, waits for an
-- answer, ends or is removed, or at deadline_at. One row per armed watch; deleted once it fired.
CREATE TABLE watches (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  target_id    TEXT NOT NULL,
  target_name  TEXT NOT NULL,
  watcher_id   TEXT NOT NULL,
  seconds      INTEGER NOT NULL,
  created_at   TEXT NOT NULL,
  deadline_at  TEXT NOT NULL
);
CREATE INDEX watches_target ON watches(target_id);
