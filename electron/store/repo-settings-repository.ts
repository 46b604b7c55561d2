import type Database from 'better-sqlite3';
import { RepoSettings, type RepoSettingsPatch } from '../../shared/worktree.js';

interface Row {
  repo_path: string;
  copy_files: string;
  setup_command: string;
  setup_timeout_sec: number;
  heavy_folders: string;
}

export const DEFAULT_SETUP_TIMEOUT_SEC = 600;

function defaults(repoPath: string): RepoSettings {
  return { repoPath, copyFiles: [], setupCommand: '', setupTimeoutSec: DEFAULT_SETUP_TIMEOUT_SEC, heavyFolders: [] };
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return [];
  }
}

/** Worktree setup per repository (table repo_settings, migrations 005 and 016); a corrupt row falls back to the defaults. */
export class RepoSettingsRepository {
  constructor(private readonly db: Database.Database) {}

  get(repoPath: string): RepoSettings {
    const row = this.db.prepare<[string], Row>('SELECT * FROM repo_settings WHERE repo_path = ?').get(repoPath);
    if (!row) return defaults(repoPath);
    const parsed = RepoSettings.safeParse({
      repoPath,
      copyFiles: parseJson(row.copy_files),
      setupCommand: row.setup_command,
      setupTimeoutSec: row.setup_timeout_sec,
      heavyFolders: parseJson(row.heavy_folders),
    });
    return parsed.success ? parsed.data : defaults(repoPath);
  }

  /** `patch.repoPath` must already be the repository's top level. */
  set(patch: RepoSettingsPatch): RepoSettings {
    const merged = { ...this.get(patch.repoPath) };
    if (patch.copyFiles !== undefined) merged.copyFiles = patch.copyFiles;
    if (patch.setupCommand !== undefined) merged.setupCommand = patch.setupCommand;
    if (patch.setupTimeoutSec !== undefined) merged.setupTimeoutSec = patch.setupTimeoutSec;
    if (patch.heavyFolders !== undefined) merged.heavyFolders = patch.heavyFolders;
    this.db
      .prepare(
        `INSERT INTO repo_settings (repo_path, copy_files, setup_command, setup_timeout_sec, heavy_folders, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(repo_path) DO UPDATE SET copy_files = excluded.copy_files, setup_command = excluded.setup_command,
           setup_timeout_sec = excluded.setup_timeout_sec, heavy_folders = excluded.heavy_folders,
           updated_at = excluded.updated_at`,
      )
      .run(
        merged.repoPath,
        JSON.stringify(merged.copyFiles),
        merged.setupCommand,
        merged.setupTimeoutSec,
        JSON.stringify(merged.heavyFolders),
        new Date().toISOString(),
      );
    return merged;
  }
}
