import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { procInfo, sessionProcesses } from '../../test-support/process-probe.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitFor, waitForStatus } from '../../test-support/wait-for.js';

// Launches racing each other and kills: one agent per session, and none left running under a session
// that was cancelled or removed. Real demo agents in real ptys; processes found by the kernel's view.

const engine = useTestEngine();

/** A demo session waiting on its question, then the host restarted: paused, with no agent process. */
async function pausedAfterRestart(prompt: string): Promise<Session> {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt });
  await waitForStatus(engine.tm.manager, session!.id, 'waiting');
  await engine.reopen();
  const paused = engine.tm.manager.get(session!.id);
  expect(paused).toMatchObject({ status: 'paused', pid: null });
  expect(sessionProcesses([paused.id])).toEqual([]);
  return paused;
}

/** The session's agents: processes carrying its id whose parent is not one of them (the demo has no children). */
function agentsOf(id: string) {
  const all = sessionProcesses([id]);
  const pids = new Set(all.map((p) => p.pid));
  return all.filter((p) => !pids.has(p.ppid));
}

describe('a double resume after a restart', () => {
  it('starts one agent, whether asked twice in one call or by two clients at once', async () => {
    const session = await pausedAfterRestart('resume once');
    const { manager } = engine.tm;
    const [both, other] = await Promise.all([manager.resume([session.id, session.id]), manager.resume([session.id])]);
    expect([...both.results, ...other.results].map((r) => r.ok)).toEqual([true, true, true]);
    expect(manager.get(session.id).status).not.toBe('paused');
    await waitFor(() => agentsOf(session.id).length > 0, { what: 'the resumed agent' });
    // Give a second spawn, had there been one, the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const agents = agentsOf(session.id);
    expect(agents.map((p) => p.pid)).toEqual([manager.get(session.id).pid]);

    // Pause stops every process of the session; kill ends it cancelled with nothing left.
    await manager.pause([session.id]);
    for (const p of sessionProcesses([session.id])) expect(procInfo(p.pid)?.state, `pid ${p.pid}`).toBe('T');
    await manager.kill([session.id]);
    expect(manager.get(session.id).status).toBe('cancelled');
    expect(sessionProcesses([session.id])).toEqual([]);
  });
});

describe('a kill racing a launch', () => {
  it('a resume and a kill at the same moment end cancelled with no agent running', async () => {
    const session = await pausedAfterRestart('resume and kill');
    const { manager } = engine.tm;
    const [resumed, killed] = await Promise.all([manager.resume([session.id]), manager.kill([session.id])]);
    expect(killed.results[0]).toMatchObject({ ok: true });
    expect(resumed.results).toHaveLength(1);
    expect(manager.get(session.id)).toMatchObject({ status: 'cancelled', pid: null });
    expect(sessionProcesses([session.id])).toEqual([]);
    // And a kill after that is a no-op that still finds nothing running.
    expect((await manager.kill([session.id])).results[0]).toMatchObject({ ok: true });
  });

  it('a resume and a forced remove at the same moment leave no record and no agent', async () => {
    const session = await pausedAfterRestart('resume and remove');
    const { manager } = engine.tm;
    const [, removed] = await Promise.allSettled([manager.resume([session.id]), manager.remove(session.id, true)]);
    expect(removed.status).toBe('fulfilled');
    expect(manager.list().map((s) => s.id)).not.toContain(session.id);
    expect(existsSync(session.worktreePath)).toBe(false);
    // What a late spawn would have started is found by its session id.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sessionProcesses([session.id])).toEqual([]);
  });

  it('a kill while a new session is starting (its setup command running) waits for its agent and stops it', async () => {
    const { manager } = engine.tm;
    await manager.repos.setSettings({ repoPath: engine.temp.repo, setupCommand: 'sleep 0.5' });
    const kills: Promise<unknown>[] = [];
    const unsubscribe = manager.subscribe((event) => {
      // The setup command is under way: the launch is in flight.
      if (event.name === 'session.created') {
        const id = event.payload.session.id;
        kills.push(new Promise((resolve) => setTimeout(resolve, 200)).then(() => manager.kill([id])));
      }
    });
    const [session] = await manager.create({ repoPath: engine.temp.repo, prompt: 'killed at birth' });
    unsubscribe();
    await Promise.all(kills);
    expect(manager.get(session!.id)).toMatchObject({ status: 'cancelled', pid: null });
    expect(sessionProcesses([session!.id])).toEqual([]);
  });

  it('closing the host while a session is starting stops its agent too, and keeps the session resumable', async () => {
    const { manager } = engine.tm;
    await manager.repos.setSettings({ repoPath: engine.temp.repo, setupCommand: 'sleep 0.5' });
    let id: string | undefined;
    manager.subscribe((event) => {
      if (event.name === 'session.created') id = event.payload.session.id;
    });
    const creating = manager.create({ repoPath: engine.temp.repo, prompt: 'closed at birth' }).catch(() => []);
    await waitFor(() => id, { what: 'the session to be created' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await engine.close();
    await creating;
    await engine.open();
    expect(engine.tm.manager.get(id!).status).toBe('paused');
  });
});
