import type { LockScope, SessionLock } from '../../../../shared/coordination.js';
import { FlotillaError } from '../../../../shared/errors.js';
import { isEnded } from '../../../../shared/session-state.js';
import type { Session } from '../../../../shared/session.js';
import type { LockRepository } from '../../../store/lock-repository.js';
import type { EventListener } from '../../event-hub.js';
import { LockWaiters, type Waiter } from './lock-waiters.js';

export interface LockServiceDeps {
  repo: LockRepository;
  /** A session by id, prefix or name; throws NOT_FOUND. */
  session(ref: string): Session;
  /** Every lock held, after each change (the `lock.changed` event). */
  emit(locks: SessionLock[]): void;
  subscribe(listener: EventListener): () => void;
}

const shortId = (id: string) => id.slice(0, 8);
const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 5);

/** "held by w1 (ab12cd34) since 12:03: merging into main" */
export function describeHolder(lock: SessionLock): string {
  return `held by ${lock.sessionName} (${shortId(lock.sessionId)}) since ${clock(lock.acquiredAt)}: ${lock.reason}`;
}

/**
 * Advisory locks held by sessions on a repository (scope repo: its path) or a worktree (scope path: sessions
 * sharing one worktree contend for it). One holder per key; others fail with LOCK_HELD naming the holder, or
 * wait (first come, first served, bounded in time) and are woken when it is released. A session's locks go
 * when it ends or is removed; a paused session keeps them.
 */
export class LockService {
  private readonly waiters = new LockWaiters();
  private readonly unsubscribe: () => void;
  private pruned = false;

  constructor(private readonly deps: LockServiceDeps) {
    this.unsubscribe = deps.subscribe((event) => {
      if (event.name === 'session.status' && isEnded(event.payload.session.status))
        this.ended(event.payload.session.id);
      if (event.name === 'session.removed') this.ended(event.payload.id);
    });
  }

  /**
   * Takes the scope's lock for the session, or returns the one it holds there already (a lock taken by hand
   * over its own auto lock makes it a kept one). Held by another: waits up to `waitSeconds` (0: not at all),
   * then fails with LOCK_HELD. `signal` gives up waiting (the hook client went away).
   */
  async acquire(
    ref: string,
    reason: string,
    scope: LockScope,
    waitSeconds: number,
    auto = false,
    signal?: AbortSignal,
  ): Promise<SessionLock> {
    this.prune();
    const session = this.deps.session(ref);
    if (isEnded(session.status)) {
      throw new FlotillaError(
        'INVALID_STATE',
        `session ${session.name} has ended (${session.status}); it holds no locks`,
      );
    }
    const key = scope === 'repo' ? session.repoPath : session.worktreePath;
    const held = this.deps.repo.find(scope, key);
    if (!held) return this.take({ sessionId: session.id, repoPath: session.repoPath, scope, key, reason, auto });
    if (held.sessionId === session.id) {
      if (auto || !held.auto) return held;
      const kept = this.deps.repo.makeManual(held.id, reason);
      this.changed();
      return kept;
    }
    if (waitSeconds <= 0) throw new FlotillaError('LOCK_HELD', describeHolder(held));
    return this.waiters.add({
      request: { sessionId: session.id, repoPath: session.repoPath, scope, key, reason, auto },
      waitMs: waitSeconds * 1000,
      signal,
      timedOut: () => {
        const holder = this.deps.repo.find(scope, key);
        return new FlotillaError(
          'LOCK_HELD',
          holder ? `${describeHolder(holder)} (waited ${waitSeconds} s)` : `not free after ${waitSeconds} s`,
        );
      },
    });
  }

  /** Releases the session's locks (every one, or the one of `scope`); returns how many it held. */
  release(ref: string, scope?: LockScope): number {
    this.prune();
    const session = this.deps.session(ref);
    return this.released(this.deps.repo.release(session.id, scope ? { scope } : {}));
  }

  /** Releases the locks the session's pre-tool hook took (its turn ended); returns how many. */
  releaseAuto(sessionId: string): number {
    this.prune();
    return this.released(this.deps.repo.release(sessionId, { autoOnly: true }));
  }

  /** Who holds the scope's key now. */
  holder(scope: LockScope, key: string): SessionLock | undefined {
    this.prune();
    return this.deps.repo.find(scope, key);
  }

  /** Every lock held (on one repository when given: its repo lock and its worktrees' path locks). */
  list(repoPath?: string): SessionLock[] {
    this.prune();
    return this.deps.repo.list(repoPath);
  }

  close(): void {
    this.unsubscribe();
    this.waiters.cancelAll(new FlotillaError('INVALID_STATE', 'the host is stopping'));
  }

  /** The session ended or was removed: its locks go, and so do its waits. */
  private ended(sessionId: string): void {
    this.waiters.cancelSession(
      sessionId,
      new FlotillaError('INVALID_STATE', 'the session ended while waiting for the lock'),
    );
    this.released(this.deps.repo.release(sessionId));
  }

  private released(count: number): number {
    // Rows of a removed session went with its record (ON DELETE CASCADE): its keys may be free with count 0.
    if (!this.grant() && count > 0) this.changed();
    return count;
  }

  /** Hands each free key to its first waiter (and that session's other waits on it); true when any was. */
  private grant(): boolean {
    let granted = false;
    for (const key of this.waiters.keys()) {
      for (let next = this.waiters.first(key); next; next = this.waiters.first(key)) {
        const { scope } = next.request;
        if (this.deps.repo.find(scope, next.request.key)) break;
        const live = this.liveSession(next);
        if (!live) continue;
        const lock = this.take(next.request, false);
        this.waiters.resolveSession(key, next.request.sessionId, lock);
        granted = true;
      }
    }
    if (granted) this.changed();
    return granted;
  }

  /** The waiter's session still exists and has not ended; else its wait is cancelled (false). */
  private liveSession(waiter: Waiter): boolean {
    let session: Session | undefined;
    try {
      session = this.deps.session(waiter.request.sessionId);
    } catch {
      session = undefined;
    }
    if (session && !isEnded(session.status)) return true;
    this.waiters.cancelSession(
      waiter.request.sessionId,
      new FlotillaError('INVALID_STATE', 'the session ended while waiting for the lock'),
    );
    return false;
  }

  private take(request: Waiter['request'], announce = true): SessionLock {
    const lock = this.deps.repo.insert({ ...request, acquiredAt: new Date().toISOString() });
    if (announce) this.changed();
    return lock;
  }

  private changed(): void {
    this.deps.emit(this.deps.repo.list());
  }

  /** Once, on first use (after the engine recovered its sessions): locks of sessions that ended go. */
  private prune(): void {
    if (this.pruned) return;
    this.pruned = true;
    if (this.deps.repo.prune() > 0) this.changed();
  }
}
