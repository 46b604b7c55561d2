import type Database from 'better-sqlite3';
import path from 'node:path';
import { PromptQuestion, StatusSource, type Session, type SessionEvent, type SessionStatus } from '../../shared/session.js';

/** What the engine keeps about a session beyond the contract's view of it. */
export interface SessionRecord extends Omit<Session, 'usage'> {
  pidStartTime: string | null;
  cols: number;
  rows: number;
}

interface SessionRow {
  id: string;
  name: string;
  provider: string;
  prompt: string;
  status: SessionStatus;
  repo_path: string;
  base_branch: string;
  branch: string;
  worktree_path: string;
  pid: number | null;
  pid_start_time: string | null;
  conversation_id: string | null;
  auto_yes: number;
  profile_id: string | null;
  exit_code: number | null;
  error: string | null;
  question: string | null;
  cols: number;
  rows: number;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  archived_at: string | null;
  queued_at: string | null;
  status_source: string | null;
  status_since: string | null;
  parent_id: string | null;
  shares_worktree_of: string | null;
}

interface EventRow {
  id: number;
  session_id: string;
  at: string;
  kind: string;
  from_status: SessionStatus | null;
  to_status: SessionStatus | null;
  detail: string | null;
}

function parseQuestion(json: string | null): Session['question'] {
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null; // a corrupt question must not make the session (or list()) unreadable
  }
  const parsed = PromptQuestion.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function fromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    prompt: row.prompt,
    status: row.status,
    repoPath: row.repo_path,
    baseBranch: row.base_branch,
    branch: row.branch,
    worktreePath: row.worktree_path,
    pid: row.pid,
    pidStartTime: row.pid_start_time,
    conversationId: row.conversation_id,
    autoYes: row.auto_yes === 1,
    ...(row.profile_id ? { profileId: row.profile_id } : {}),
    exitCode: row.exit_code,
    error: row.error,
    question: parseQuestion(row.question),
    cols: row.cols,
    rows: row.rows,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastActivityAt: row.last_activity_at,
    archivedAt: row.archived_at,
    ...(row.queued_at ? { queuedAt: row.queued_at } : {}),
    // Absent on rows older than migration 008 (and before a new session's first transition).
    ...(row.status_source ? { statusSource: StatusSource.safeParse(row.status_source).data ?? null } : {}),
    ...(row.status_since ? { statusSince: row.status_since } : {}),
    ...(row.parent_id ? { parentId: row.parent_id } : {}),
    ...(row.shares_worktree_of ? { sharesWorktreeOf: row.shares_worktree_of } : {}),
  };
}

export function toSession(record: SessionRecord): Session {
  const { pidStartTime: _start, cols: _cols, rows: _rows, ...session } = record;
  return session;
}

const COLUMNS: Record<keyof SessionRecord, keyof SessionRow> = {
  id: 'id',
  name: 'name',
  provider: 'provider',
  prompt: 'prompt',
  status: 'status',
  repoPath: 'repo_path',
  baseBranch: 'base_branch',
  branch: 'branch',
  worktreePath: 'worktree_path',
  pid: 'pid',
  pidStartTime: 'pid_start_time',
  conversationId: 'conversation_id',
  autoYes: 'auto_yes',
  profileId: 'profile_id',
  exitCode: 'exit_code',
  error: 'error',
  question: 'question',
  cols: 'cols',
  rows: 'rows',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  lastActivityAt: 'last_activity_at',
  archivedAt: 'archived_at',
  queuedAt: 'queued_at',
  statusSource: 'status_source',
  statusSince: 'status_since',
  parentId: 'parent_id',
  sharesWorktreeOf: 'shares_worktree_of',
};

function toColumnValue(key: keyof SessionRecord, value: unknown): unknown {
  if (key === 'autoYes') return value ? 1 : 0;
  if (key === 'question') return value ? JSON.stringify(value) : null;
  return value ?? null;
}

/** Sessions and their event history in SQLite. Every status change is written with its event in one transaction. */
export class SessionRepository {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      upsertRepo: db.prepare(
        'INSERT INTO repos (path, name, last_used_at) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET last_used_at = excluded.last_used_at',
      ),
      get: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
      list: db.prepare<[], SessionRow>('SELECT * FROM sessions ORDER BY created_at, id'),
      remove: db.prepare('DELETE FROM sessions WHERE id = ?'),
      addEvent: db.prepare(
        'INSERT INTO session_events (session_id, at, kind, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      events: db.prepare<[string], EventRow>('SELECT * FROM session_events WHERE session_id = ? ORDER BY id'),
    };
  }

  insert(record: SessionRecord): void {
    const keys = Object.keys(COLUMNS) as (keyof SessionRecord)[];
    const sql = `INSERT INTO sessions (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
    this.db.transaction(() => {
      this.statements.upsertRepo.run(record.repoPath, path.basename(record.repoPath), record.createdAt);
      this.db.prepare(sql).run(...keys.map((k) => toColumnValue(k, record[k])));
      this.statements.addEvent.run(record.id, record.createdAt, 'created', null, record.status, null);
    })();
  }

  get(id: string): SessionRecord | undefined {
    const row = this.statements.get.get(id);
    return row ? fromRow(row) : undefined;
  }

  list(): SessionRecord[] {
    return this.statements.list.all().map(fromRow);
  }

  /** Writes the changed fields, and an event when one is given, atomically. */
  update(id: string, patch: Partial<SessionRecord>, event?: Omit<SessionEvent, 'id' | 'sessionId'>): void {
    const keys = (Object.keys(patch) as (keyof SessionRecord)[]).filter((k) => k !== 'id');
    this.db.transaction(() => {
      if (keys.length > 0) {
        const sql = `UPDATE sessions SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`;
        this.db.prepare(sql).run(...keys.map((k) => toColumnValue(k, patch[k])), id);
      }
      if (event) {
        this.statements.addEvent.run(id, event.at, event.kind, event.fromStatus, event.toStatus, event.detail);
      }
    })();
  }

  remove(id: string): void {
    this.statements.remove.run(id);
  }

  recentRepos(limit = 20): { path: string; name: string; lastUsedAt: string }[] {
    return this.db
      .prepare<[number], { path: string; name: string; last_used_at: string }>(
        'SELECT path, name, last_used_at FROM repos ORDER BY last_used_at DESC LIMIT ?',
      )
      .all(limit)
      .map((row) => ({ path: row.path, name: row.name, lastUsedAt: row.last_used_at }));
  }

  events(id: string): SessionEvent[] {
    return this.statements.events.all(id).map((row) => ({
      id: row.id,
      sessionId: row.session_id,
      at: row.at,
      kind: row.kind,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      detail: row.detail,
    }));
  }
}
