import type Database from 'better-sqlite3';
import type { LockScope, SessionLock } from '../../shared/coordination.js';
import { ENDED_STATUSES } from '../../shared/session-state.js';

interface LockRow {
  id: number;
  session_id: string;
  session_name: string;
  scope: LockScope;
  key: string;
  reason: string;
  auto: number;
  acquired_at: string;
}

export interface NewLock {
  sessionId: string;
  scope: LockScope;
  key: string;
  repoPath: string;
  reason: string;
  auto: boolean;
  acquiredAt: string;
}

const fromRow = (row: LockRow): SessionLock => ({
  id: row.id,
  sessionId: row.session_id,
  sessionName: row.session_name,
  scope: row.scope,
  key: row.key,
  reason: row.reason,
  auto: row.auto === 1,
  acquiredAt: row.acquired_at,
});

/** The holder's name is read with the lock, so a renamed session shows its new name. */
const SELECT = `SELECT l.id, l.session_id, s.name AS session_name, l.scope, l.key, l.reason, l.auto, l.acquired_at
  FROM session_locks l JOIN sessions s ON s.id = l.session_id`;
const ENDED = ENDED_STATUSES.map((status) => `'${status}'`).join(', ');

/** Advisory locks (migration 013): at most one holder per scope and key. */
export class LockRepository {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      all: db.prepare<[], LockRow>(`${SELECT} ORDER BY l.id`),
      ofRepo: db.prepare<[string], LockRow>(`${SELECT} WHERE l.repo_path = ? ORDER BY l.id`),
      find: db.prepare<[LockScope, string], LockRow>(`${SELECT} WHERE l.scope = ? AND l.key = ?`),
      byId: db.prepare<[number], LockRow>(`${SELECT} WHERE l.id = ?`),
      insert: db.prepare(
        `INSERT INTO session_locks (session_id, scope, key, repo_path, reason, auto, acquired_at)
         VALUES (@sessionId, @scope, @key, @repoPath, @reason, @auto, @acquiredAt)`,
      ),
      makeManual: db.prepare<[string, number]>('UPDATE session_locks SET auto = 0, reason = ? WHERE id = ?'),
      releaseAll: db.prepare<[string]>('DELETE FROM session_locks WHERE session_id = ?'),
      releaseScope: db.prepare<[string, LockScope]>('DELETE FROM session_locks WHERE session_id = ? AND scope = ?'),
      releaseAuto: db.prepare<[string]>('DELETE FROM session_locks WHERE session_id = ? AND auto = 1'),
      // Sessions that no longer exist cannot hold rows (foreign key); ended ones may, after a host crash.
      prune: db.prepare(
        `DELETE FROM session_locks WHERE session_id IN (SELECT id FROM sessions WHERE status IN (${ENDED}))`,
      ),
    };
  }

  list(repoPath?: string): SessionLock[] {
    return (repoPath === undefined ? this.stmts.all.all() : this.stmts.ofRepo.all(repoPath)).map(fromRow);
  }

  find(scope: LockScope, key: string): SessionLock | undefined {
    const row = this.stmts.find.get(scope, key);
    return row ? fromRow(row) : undefined;
  }

  /** Records a lock; the caller checked that nobody holds its scope and key (the UNIQUE constraint says so too). */
  insert(lock: NewLock): SessionLock {
    const { lastInsertRowid } = this.stmts.insert.run({ ...lock, auto: lock.auto ? 1 : 0 });
    return fromRow(this.stmts.byId.get(Number(lastInsertRowid))!);
  }

  /** An auto lock its holder now takes by hand: it outlives the agent's turn. */
  makeManual(id: number, reason: string): SessionLock {
    this.stmts.makeManual.run(reason, id);
    return fromRow(this.stmts.byId.get(id)!);
  }

  /** Releases the session's locks (of one scope, or only the auto ones); returns how many. */
  release(sessionId: string, which: { scope?: LockScope; autoOnly?: boolean } = {}): number {
    if (which.autoOnly) return this.stmts.releaseAuto.run(sessionId).changes;
    if (which.scope) return this.stmts.releaseScope.run(sessionId, which.scope).changes;
    return this.stmts.releaseAll.run(sessionId).changes;
  }

  /** Drops locks of sessions that ended (a host that crashed before releasing them); returns how many. */
  prune(): number {
    return this.stmts.prune.run().changes;
  }
}
