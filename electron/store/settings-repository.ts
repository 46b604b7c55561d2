import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/settings.js';

/** Settings as one JSON value per key; unknown or invalid stored values fall back to the defaults. */
export class SettingsRepository {
  constructor(private readonly db: Database.Database) {}

  get(): Settings {
    const rows = this.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all();
    const stored: Record<string, unknown> = {};
    for (const row of rows) {
      try {
        stored[row.key] = JSON.parse(row.value);
      } catch {
        // A hand-edited or corrupt value falls back to the default below.
      }
    }
    const merged = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const candidate = Settings.shape[key].safeParse(stored[key]);
      if (candidate.success) Object.assign(merged, { [key]: candidate.data });
    }
    return merged;
  }

  set(patch: SettingsPatch): Settings {
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(value));
      }
    })();
    return this.get();
  }
}
