import { describe, expect, it } from 'vitest';
import type { SessionLock } from '../../../../shared/coordination.js';
import type { Session } from '../../../../shared/session.js';
import { errorOf } from '../../../test-support/error-of.js';
import { useTestEngine } from '../../../test-support/test-engine.js';
import { waitFor, waitForStatus } from '../../../test-support/wait-for.js';
import Database from 'better-sqlite3';
import path from 'node:path';

// Advisory locks on the real engine: demo agents in real worktrees, the locks in the real SQLite database.

const engine = useTestEngine();

/** A demo session, idle at its prompt; `worktreeOf`: working in that session's worktree. */
async function session(name: string, worktreeOf?: string): Promise<Session> {
  const [created] = await engine.tm.manager.create({
    repoPath: engine.temp.repo,
    name,
    ...(worktreeOf ? { worktreeOf } : {}),
  });
  return waitForStatus(engine.tm.manager, created!.id, 'idle');
}

/** Ends a session behind a stopped engine's back, as a host that crashed before releasing its locks leaves it. */
function endOffline(sessionId: string): void {
  const db = new Database(path.join(engine.temp.dataDir, 'flotilla.db'));
  try {
    db.prepare("UPDATE sessions SET status = 'failed' WHERE id = ?").run(sessionId);
  } finally {
    db.close();
  }
}

/** Settles within `ms`: the value, the error, or 'pending'. */
async function stateAfter<T>(promise: Promise<T>, ms: number): Promise<T | Error | 'pending'> {
  const timer = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms));
  return Promise.race([promise.catch((error: Error) => error), timer]);
}

/** The locks of the last lock.changed event. */
function lastChanged(): SessionLock[] | undefined {
  const changes = engine.tm.events.filter((e) => e.name === 'lock.changed');
  const last = changes.at(-1);
  return last?.name === 'lock.changed' ? last.payload.locks : undefined;
}

const holders = (locks: SessionLock[] | undefined) => locks?.map((l) => `${l.sessionName}:${l.scope}`);

describe('advisory locks', () => {
  it('a repo lock is held, named in LOCK_HELD, the same when re-taken, listed with its holder, released', async () => {
    const { manager } = engine.tm;
    const w1 = await session('w1');
    const w2 = await session('w2');
    const lock = await manager.locks.acquire(w1.id, 'merging into main', 'repo', 0);
    expect(lock).toMatchObject({
      sessionId: w1.id,
      sessionName: 'w1',
      scope: 'repo',
      key: w1.repoPath,
      reason: 'merging into main',
      auto: false,
    });
    expect(holders(lastChanged())).toEqual(['w1:repo']);
    expect((await manager.locks.acquire('w1', 'again', 'repo', 0)).id).toBe(lock.id);

    const held = await errorOf(manager.locks.acquire(w2.id, 'me too', 'repo', 0));
    expect(held.code).toBe('LOCK_HELD');
    expect(held.message).toMatch(
      new RegExp(`^held by w1 \\(${w1.id.slice(0, 8)}\\) since \\d\\d:\\d\\d: merging into main$`),
    );

    expect(manager.locks.list().map((l) => [l.sessionName, l.reason])).toEqual([['w1', 'merging into main']]);
    expect(manager.locks.list(w1.repoPath)).toHaveLength(1);
    expect(manager.locks.list('/no/such/repo')).toEqual([]);

    expect(manager.locks.release(w2.id)).toBe(0);
    expect(manager.locks.release(w1.id, 'path')).toBe(0);
    expect(manager.locks.release(w1.id)).toBe(1);
    expect(manager.locks.list()).toEqual([]);
    expect(lastChanged()).toEqual([]);
    expect((await manager.locks.acquire(w2.id, 'me now', 'repo', 0)).sessionName).toBe('w2');
  });

  it('--wait: waiters take the lock in turn as it is released; a wait that runs out names the holder', async () => {
    const { manager } = engine.tm;
    const [w1, w2, w3] = [await session('w1'), await session('w2'), await session('w3')];
    await manager.locks.acquire(w1.id, 'first', 'repo', 0);
    const second = manager.locks.acquire(w2.id, 'second', 'repo', 10);
    const third = manager.locks.acquire(w3.id, 'third', 'repo', 10);
    expect(await stateAfter(second, 300)).toBe('pending');

    const released = Date.now();
    manager.locks.release(w1.id);
    const taken = await second;
    const wokeMs = Date.now() - released;
    expect(taken).toMatchObject({ sessionName: 'w2', reason: 'second' });
    expect(wokeMs).toBeLessThan(200);
    expect(holders(lastChanged())).toEqual(['w2:repo']);
    expect(await stateAfter(third, 100)).toBe('pending');
    manager.locks.release(w2.id);
    expect((await third).sessionName).toBe('w3');

    const started = Date.now();
    const late = await errorOf(manager.locks.acquire(w1.id, 'later', 'repo', 1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(late.code).toBe('LOCK_HELD');
    expect(late.message).toMatch(/^held by w3 \(\w{8}\) since \d\d:\d\d: third \(waited 1 s\)$/);
    if (process.env.FLOTILLA_MEASURE === '1') console.log(`lock wait: woken ${wokeMs} ms after release`);
  });

  it('a session that ends or is removed releases its locks and its waits; a paused one keeps them', async () => {
    const { manager } = engine.tm;
    const [w1, w2, w3] = [await session('w1'), await session('w2'), await session('w3')];
    await manager.locks.acquire(w1.id, 'migrating', 'repo', 0);
    const waiting = manager.locks.acquire(w2.id, 'next', 'repo', 30);
    await manager.pause([w1.id]);
    expect(await stateAfter(waiting, 200)).toBe('pending');
    expect(holders(manager.locks.list())).toEqual(['w1:repo']);

    await manager.kill([w1.id]);
    expect((await waiting).sessionName).toBe('w2');
    expect(holders(lastChanged())).toEqual(['w2:repo']);

    // w3 waits for w2's lock, then ends: its wait is cancelled, and w2's lock is untouched.
    const cancelled = errorOf(manager.locks.acquire(w3.id, 'after w2', 'repo', 30));
    await manager.kill([w3.id]);
    const error = await cancelled;
    expect(error.message).toMatch(/session ended while waiting/);
    expect(holders(manager.locks.list())).toEqual(['w2:repo']);
    await expect(manager.locks.acquire(w3.id, 'ended', 'repo', 0)).rejects.toThrow(/has ended/);

    // Removed while paused (still holding): its lock goes with it.
    await manager.pause([w2.id]);
    await manager.remove(w2.id, true);
    expect(manager.locks.list()).toEqual([]);
    expect(lastChanged()).toEqual([]);
  });

  it('across a host restart a paused session keeps its lock; locks of sessions that ended meanwhile are dropped', async () => {
    const w1 = await session('w1');
    const w2 = await session('w2');
    await engine.tm.manager.locks.acquire(w1.id, 'long job', 'repo', 0);
    await engine.tm.manager.locks.acquire(w2.id, 'its worktree', 'path', 0);
    let { manager } = await engine.reopen();
    expect(manager.get(w1.id).status).toBe('paused');
    expect(holders(manager.locks.list())).toEqual(['w1:repo', 'w2:path']);

    await engine.close();
    endOffline(w1.id);
    ({ manager } = await engine.open());
    expect(holders(manager.locks.list())).toEqual(['w2:path']);
  });

  it('path locks: sessions sharing a worktree contend for it; a session in its own worktree does not', async () => {
    const { manager } = engine.tm;
    const w1 = await session('w1');
    const w2 = await session('w2', w1.id);
    const w3 = await session('w3');
    expect(w2.worktreePath).toBe(w1.worktreePath);

    const auto = await manager.locks.acquire(w1.id, 'auto: Write a.txt', 'path', 0, true);
    expect(auto).toMatchObject({ scope: 'path', key: w1.worktreePath, auto: true });
    const held = await errorOf(manager.locks.acquire(w2.id, 'editing', 'path', 0));
    expect(held.message).toMatch(/^held by w1 .*: auto: Write a\.txt$/);
    expect((await manager.locks.acquire(w3.id, 'mine', 'path', 0)).key).toBe(w3.worktreePath);
    // The repository is another scope: free.
    expect((await manager.locks.acquire(w2.id, 'merging', 'repo', 0)).sessionName).toBe('w2');

    // Taken by hand over its own auto lock: the same lock, kept past the turn's end.
    const kept = await manager.locks.acquire(w1.id, 'refactoring', 'path', 0);
    expect(kept).toMatchObject({ id: auto.id, auto: false, reason: 'refactoring' });
    expect(manager.locks.releaseAuto(w1.id)).toBe(0);
    await waitFor(() => manager.locks.list().length === 3, { what: 'three locks' });
  });
});
