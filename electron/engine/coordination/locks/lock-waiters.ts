import type { LockScope, SessionLock } from '../../../../shared/coordination.js';
import { FlotillaError } from '../../../../shared/errors.js';

/** What a waiting session asks for, taken as is when its turn comes. */
export interface LockRequest {
  sessionId: string;
  repoPath: string;
  scope: LockScope;
  key: string;
  reason: string;
  auto: boolean;
}

export interface Waiter {
  request: LockRequest;
  resolve(lock: SessionLock): void;
  reject(error: Error): void;
  /** Ends the wait's timer and abort listener. */
  dispose(): void;
}

/** More sessions than this waiting on one lock is a runaway loop, not a team: the next is refused. */
export const MAX_WAITERS_PER_LOCK = 64;

const queueKey = (scope: LockScope, key: string) => `${scope}\0${key}`;

/**
 * The sessions waiting for each lock, first come first served. Every wait ends: taken (resolve), timed out
 * (reject with the caller's LOCK_HELD), aborted, or cancelled because its session ended or the host stops.
 */
export class LockWaiters {
  private readonly queues = new Map<string, Waiter[]>();

  add(options: {
    request: LockRequest;
    waitMs: number;
    signal: AbortSignal | undefined;
    timedOut(): Error;
  }): Promise<SessionLock> {
    const { request, waitMs, signal } = options;
    const id = queueKey(request.scope, request.key);
    const queue = this.queues.get(id) ?? [];
    if (queue.length >= MAX_WAITERS_PER_LOCK) {
      return Promise.reject(new FlotillaError('LOCK_HELD', `${queue.length} sessions wait for this lock already`));
    }
    if (signal?.aborted)
      return Promise.reject(new FlotillaError('INVALID_STATE', 'the wait for the lock was cancelled'));
    return new Promise<SessionLock>((resolve, reject) => {
      const onAbort = () =>
        this.drop(waiter, new FlotillaError('INVALID_STATE', 'the wait for the lock was cancelled'));
      const timer = setTimeout(() => this.drop(waiter, options.timedOut()), waitMs);
      const waiter: Waiter = {
        request,
        resolve,
        reject,
        dispose: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
      this.queues.set(id, queue);
    });
  }

  /** Keys someone waits for (a snapshot: granting changes the map). */
  keys(): string[] {
    return [...this.queues.keys()];
  }

  first(id: string): Waiter | undefined {
    return this.queues.get(id)?.[0];
  }

  /** The session got the lock: every wait of it on this key ends with it. */
  resolveSession(id: string, sessionId: string, lock: SessionLock): void {
    for (const waiter of this.take(id, (w) => w.request.sessionId === sessionId)) waiter.resolve(lock);
  }

  cancelSession(sessionId: string, error: Error): void {
    for (const id of this.keys()) {
      for (const waiter of this.take(id, (w) => w.request.sessionId === sessionId)) waiter.reject(error);
    }
  }

  cancelAll(error: Error): void {
    for (const id of this.keys()) for (const waiter of this.take(id, () => true)) waiter.reject(error);
  }

  private drop(waiter: Waiter, error: Error): void {
    const id = queueKey(waiter.request.scope, waiter.request.key);
    for (const gone of this.take(id, (w) => w === waiter)) gone.reject(error);
  }

  /** Removes the matching waiters of a key (disposed) and returns them. */
  private take(id: string, match: (waiter: Waiter) => boolean): Waiter[] {
    const queue = this.queues.get(id) ?? [];
    const taken = queue.filter(match);
    const left = queue.filter((w) => !match(w));
    if (left.length > 0) this.queues.set(id, left);
    else this.queues.delete(id);
    for (const waiter of taken) waiter.dispose();
    return taken;
  }
}
