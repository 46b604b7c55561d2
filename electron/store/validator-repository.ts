import type Database from 'better-sqlite3';
import { FlotillaError } from '../../shared/errors.js';
import { Validator, ValidationReport } from '../../shared/validation.js';

interface ValidatorRow {
  name: string;
  argv: string;
  timeout_sec: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Validators per repository (table validators, migration 014); `repoPath` is always the repository's top level. */
export class ValidatorRepository {
  constructor(private readonly db: Database.Database) {}

  list(repoPath: string): Validator[] {
    const rows = this.db
      .prepare<[string], ValidatorRow>(
        'SELECT name, argv, timeout_sec FROM validators WHERE repo_path = ? ORDER BY position, name',
      )
      .all(repoPath);
    // A corrupt row is left out rather than failing every session of the repository.
    return rows.flatMap((row) => {
      const parsed = Validator.safeParse({ name: row.name, argv: parseJson(row.argv), timeoutSec: row.timeout_sec });
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Adds `validator`, or replaces the one with its name in place. */
  set(repoPath: string, validator: Validator): Validator[] {
    const next = this.db
      .prepare<[string], { next: number }>(
        'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM validators WHERE repo_path = ?',
      )
      .get(repoPath)!.next;
    this.db
      .prepare(
        `INSERT INTO validators (repo_path, name, argv, timeout_sec, position, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(repo_path, name) DO UPDATE SET argv = excluded.argv, timeout_sec = excluded.timeout_sec,
           updated_at = excluded.updated_at`,
      )
      .run(
        repoPath,
        validator.name,
        JSON.stringify(validator.argv),
        validator.timeoutSec,
        next,
        new Date().toISOString(),
      );
    return this.list(repoPath);
  }

  remove(repoPath: string, name: string): Validator[] {
    const removed = this.db.prepare('DELETE FROM validators WHERE repo_path = ? AND name = ?').run(repoPath, name);
    if (removed.changes === 0) throw new FlotillaError('NOT_FOUND', `no validator named ${name} in ${repoPath}`);
    return this.list(repoPath);
  }

  report(sessionId: string): ValidationReport | undefined {
    const row = this.db
      .prepare<[string], { report: string }>('SELECT report FROM session_validations WHERE session_id = ?')
      .get(sessionId);
    if (!row) return undefined;
    const parsed = ValidationReport.safeParse(parseJson(row.report));
    return parsed.success ? parsed.data : undefined;
  }

  saveReport(sessionId: string, report: ValidationReport): void {
    this.db
      .prepare(
        `INSERT INTO session_validations (session_id, report, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(session_id) DO UPDATE SET report = excluded.report, updated_at = excluded.updated_at`,
      )
      .run(sessionId, JSON.stringify(report), new Date().toISOString());
  }
}
