-- Provider profiles: saved configurations of an agent CLI (binary path, extra args, model, env), and the
-- profile each session was created with, so that resume launches it the same way. Deleting a profile
-- keeps its sessions; they resume with the provider's defaults.
CREATE TABLE provider_profiles (
  id          TEXT PRIMARY KEY,
  provider    TEXT NOT NULL,
  name        TEXT NOT NULL,
  binary_path TEXT,
  extra_args  TEXT NOT NULL DEFAULT '[]',
  model       TEXT,
  env         TEXT NOT NULL DEFAULT '{}',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (provider, name)
);

ALTER TABLE sessions ADD COLUMN profile_id TEXT;
