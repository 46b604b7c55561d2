import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { gitSync } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import type { TestManager } from '../../test-support/test-manager.js';
import { waitForStatus } from '../../test-support/wait-for.js';

// The max-concurrent-sessions limit against the real engine, demo agents and git: sessions beyond it are
// recorded and queued, and start in order as slots free up.

const engine = useTestEngine();

function branches(): string[] {
  return gitSync(engine.temp.repo, ['branch', '--list', '--format=%(refname:short)']).split('\n').filter(Boolean);
}

function statuses(tm: TestManager, sessions: Session[]): string[] {
  return sessions.map((s) => {
    const now = tm.manager.get(s.id);
    return now.queuedAt ? 'queued' : now.status;
  });
}

describe('max concurrent sessions', () => {
  it('queues sessions beyond the limit and starts them in order as slots free up', async () => {
    const { tm } = engine;
    tm.manager.updateSettings({ maxConcurrentSessions: 2 });
    const created = await tm.manager.create({ repoPath: engine.temp.repo, prompt: 'queue me', count: 4 });
    expect(created).toHaveLength(4);
    const [a, b, c, d] = created as [Session, Session, Session, Session];

    // Two agents run; two are recorded as queued, with no worktree, branch or process yet.
    expect(created.map((s) => s.status)).toEqual(['running', 'running', 'creating', 'creating']);
    expect([a.queuedAt, b.queuedAt]).toEqual([undefined, undefined]);
    for (const queued of [c, d]) {
      expect(queued.queuedAt).toEqual(expect.any(String));
      expect(queued.pid).toBeNull();
      expect(existsSync(queued.worktreePath)).toBe(false);
      expect(branches()).not.toContain(queued.branch);
      expect(tm.manager.history(queued.id)).toContainEqual(
        expect.objectContaining({ kind: 'queued', detail: 'Queued: 2 agents running, limit 2' }),
      );
    }
    expect(tm.events).toContainEqual({
      name: 'session.updated',
      payload: { session: expect.objectContaining({ id: c.id, queuedAt: c.queuedAt }) },
    });

    // A queued session has a (blank) screen to show; its agent's own screen replaces it once it starts.
    expect((await tm.manager.screen(c.id)).text).toBe('');

    // Terminating a live one frees its slot: the first queued session starts.
    await tm.manager.kill([a.id]);
    const started = await waitForStatus(tm.manager, c.id, 'waiting');
    expect(started.queuedAt).toBeUndefined();
    expect(existsSync(started.worktreePath)).toBe(true);
    expect(started.pid).toEqual(expect.any(Number));
    expect((await tm.manager.screen(c.id)).text).toContain('Do you want to create queue-me.txt?');
    expect(tm.manager.history(c.id).map((e) => e.kind)).toEqual(expect.arrayContaining(['queued', 'dequeued']));
    expect(statuses(tm, [a, b, c, d])).toEqual([
      'cancelled',
      expect.stringMatching(/running|waiting/),
      'waiting',
      'queued',
    ]);

    // Terminating a queued session cancels it: it never started, so nothing is left behind.
    const result = await tm.manager.kill([d.id]);
    expect(result.results[0]).toMatchObject({ ok: true, session: { status: 'cancelled' } });
    expect(tm.manager.get(d.id).queuedAt).toBeUndefined();
    expect(existsSync(d.worktreePath)).toBe(false);
    expect(branches()).not.toContain(d.branch);
    await tm.manager.remove(d.id, false);
    expect(tm.manager.list().map((s) => s.id)).not.toContain(d.id);
  });

  it('raising the limit starts the queued sessions; pausing an agent frees its slot', async () => {
    const { tm } = engine;
    tm.manager.updateSettings({ maxConcurrentSessions: 1 });
    const [a, b, c] = (await tm.manager.create({ repoPath: engine.temp.repo, prompt: 'raise', count: 3 })) as [
      Session,
      Session,
      Session,
    ];
    expect(statuses(tm, [a, b, c])).toEqual(['running', 'queued', 'queued']);

    await waitForStatus(tm.manager, a.id, 'waiting');
    await tm.manager.pause([a.id]);
    await waitForStatus(tm.manager, b.id, 'waiting');
    expect(statuses(tm, [a, b, c])).toEqual(['paused', 'waiting', 'queued']);

    tm.manager.updateSettings({ maxConcurrentSessions: 0 });
    await waitForStatus(tm.manager, c.id, 'waiting');
  });

  it('removing a queued session leaves nothing and keeps the others queued in order', async () => {
    const { tm } = engine;
    tm.manager.updateSettings({ maxConcurrentSessions: 1 });
    const [a, b, c] = (await tm.manager.create({ repoPath: engine.temp.repo, prompt: 'remove', count: 3 })) as [
      Session,
      Session,
      Session,
    ];
    await tm.manager.remove(b.id, false);
    expect(tm.manager.list().map((s) => s.id)).toEqual([a.id, c.id]);
    expect(branches()).not.toContain(b.branch);

    await tm.manager.kill([a.id]);
    await waitForStatus(tm.manager, c.id, 'waiting');
  });

  it('sessions still queued when the host stops are queued again on the next start, in order', async () => {
    const first = engine.tm;
    first.manager.updateSettings({ maxConcurrentSessions: 1 });
    const created = await first.manager.create({ repoPath: engine.temp.repo, prompt: 'restart', count: 3 });
    const [a, b, c] = created as [Session, Session, Session];
    await waitForStatus(first.manager, a.id, 'waiting');
    await engine.close();
    expect([b, c].map((s) => existsSync(s.worktreePath))).toEqual([false, false]);

    const second = await engine.open();
    // The agent that ran comes back paused (it holds no slot), so the first queued one starts; the next waits.
    expect(second.manager.get(a.id).status).toBe('paused');
    const started = await waitForStatus(second.manager, b.id, 'waiting');
    expect(existsSync(started.worktreePath)).toBe(true);
    expect(second.manager.get(c.id)).toMatchObject({ status: 'creating', queuedAt: expect.any(String) });
    expect(second.manager.history(c.id).at(-1)?.detail).toBe('The host restarted. Queued: 1 agent running, limit 1');

    await second.manager.kill([b.id]);
    await waitForStatus(second.manager, c.id, 'waiting');
  });
});
