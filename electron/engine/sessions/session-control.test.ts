import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { groupMembers, isAlive, procInfo, sessionProcesses } from '../../test-support/process-probe.js';
import { gitSync } from '../../test-support/temp-repo.js';
import { waitFor, waitForStatus } from '../../test-support/wait-for.js';
import { useTestEngine } from '../../test-support/test-engine.js';

// Pause, resume, kill and remove against real processes and real git: the kernel and git are the judges.

const engine = useTestEngine();

/** A session that has answered its first question and sits at its input prompt. */
async function idleSession(prompt = 'add a readme', answer: 'approve' | 'deny' = 'deny'): Promise<Session> {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt });
  if (!session) throw new Error('create returned no session');
  await waitForStatus(engine.tm.manager, session.id, 'waiting');
  if (answer === 'approve') await engine.tm.manager.approve(session.id);
  else await engine.tm.manager.deny(session.id);
  return waitForStatus(engine.tm.manager, session.id, 'idle');
}

function state(pid: number): string | undefined {
  return procInfo(pid)?.state;
}

function branches(): string[] {
  return gitSync(engine.temp.repo, ['branch', '--list', '--format=%(refname:short)']).split('\n').filter(Boolean);
}

describe('pause and resume', () => {
  it('pause stops the whole process group (state T) and resume continues it', async () => {
    const session = await idleSession();
    const pid = session.pid!;
    expect(groupMembers(pid).map((p) => p.pid)).toContain(pid);

    const paused = await engine.tm.manager.pause([session.id]);
    expect(paused.results).toEqual([expect.objectContaining({ id: session.id, ok: true })]);
    expect(engine.tm.manager.get(session.id)).toMatchObject({ status: 'paused', pid });
    await waitFor(() => groupMembers(pid).every((p) => p.state === 'T'), { what: `group ${pid} to be stopped` });

    // Input typed while paused waits in the pty; the stopped agent does not act on it.
    await engine.tm.manager.send(session.id, 'second task');
    expect(state(pid)).toBe('T');
    expect(engine.tm.manager.get(session.id).status).toBe('paused');

    const resumed = await engine.tm.manager.resume([session.id]);
    expect(resumed.results[0]).toMatchObject({ ok: true, session: { status: 'running' } });
    await waitFor(() => groupMembers(pid).every((p) => p.state !== 'T'), { what: `group ${pid} to continue` });
    // The same process (no respawn) picks up the input and carries on.
    const waiting = await waitForStatus(engine.tm.manager, session.id, 'waiting');
    expect(waiting.pid).toBe(pid);
    expect(waiting.question?.text).toBe('Do you want to create second-task.txt?');

    const names = engine.tm.events.map((e) => e.name);
    expect(names.indexOf('session.paused')).toBeGreaterThan(-1);
    expect(names.indexOf('session.resumed')).toBeGreaterThan(names.indexOf('session.paused'));
    const transitions = engine.tm.manager
      .history(session.id)
      .filter((e) => e.kind === 'status')
      .map((e) => `${e.fromStatus}->${e.toStatus}`);
    expect(transitions).toEqual(expect.arrayContaining(['idle->paused', 'paused->running']));
  });

  it('refuses to pause a paused session or resume a running one', async () => {
    const session = await idleSession();
    expect((await engine.tm.manager.resume([session.id])).results[0]).toMatchObject({
      ok: false,
      error: expect.stringContaining('cannot resume'),
    });
    await engine.tm.manager.pause([session.id]);
    expect((await engine.tm.manager.pause([session.id])).results[0]).toMatchObject({
      ok: false,
      error: expect.stringContaining('cannot pause'),
    });
    expect((await engine.tm.manager.pause(['no-such-session'])).results[0]).toMatchObject({
      id: 'no-such-session',
      ok: false,
    });
  });
});

describe('kill', () => {
  it('leaves no process of the agent and cancels the session', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'add a readme' });
    const { id, pid } = await waitForStatus(engine.tm.manager, session!.id, 'waiting');
    expect(isAlive(pid!)).toBe(true);

    const result = await engine.tm.manager.kill([id]);
    expect(result.results[0]).toMatchObject({ ok: true, session: { status: 'cancelled', pid: null } });
    // kill() resolves only once the tree is gone: no waiting here.
    expect(isAlive(pid!)).toBe(false);
    expect(groupMembers(pid!)).toEqual([]);
    expect(sessionProcesses([id])).toEqual([]);
    expect(engine.tm.manager.history(id).at(-1)).toMatchObject({ toStatus: 'cancelled', detail: 'terminated by user' });
    expect(engine.tm.events.some((e) => e.name === 'session.exited' && e.payload.id === id)).toBe(true);
    // Killing again is a no-op on an ended session.
    expect((await engine.tm.manager.kill([id])).results[0]).toMatchObject({
      ok: true,
      session: { status: 'cancelled' },
    });
  });

  it('kills a paused (stopped) agent', async () => {
    const session = await idleSession();
    await engine.tm.manager.pause([session.id]);
    await waitFor(() => state(session.pid!) === 'T', { what: 'the agent to stop' });
    await engine.tm.manager.kill([session.id]);
    expect(engine.tm.manager.get(session.id).status).toBe('cancelled');
    expect(isAlive(session.pid!)).toBe(false);
  });

  it('kills children the agent started, in its group and in groups and sessions of their own', async () => {
    const shell = process.env.SHELL;
    process.env.SHELL = '/bin/bash';
    let session: Session;
    try {
      // The shell provider types the prompt into an interactive bash: one job per group, one in a new session.
      [session] = (await engine.tm.manager.create({
        repoPath: engine.temp.repo,
        provider: 'shell',
        prompt: 'sleep 1000 & setsid -w sleep 1001 & (sleep 1002; true) & echo started-children',
      })) as [Session];
    } finally {
      process.env.SHELL = shell;
    }
    const sleeps = await waitFor(
      () => {
        const found = sessionProcesses([session.id]).filter(
          (p) => p.pid !== session.pid && procComm(p.pid) === 'sleep',
        );
        return found.length >= 3 ? found : undefined;
      },
      { what: 'three sleep children' },
    );
    expect(new Set(sleeps.map((p) => p.pgid)).size).toBeGreaterThan(1);

    await engine.tm.manager.kill([session.id]);
    expect(engine.tm.manager.get(session.id).status).toBe('cancelled');
    expect(sessionProcesses([session.id])).toEqual([]);
    for (const p of sleeps) expect(isAlive(p.pid, p.startTime), `sleep ${p.pid}`).toBe(false);
  });
});

function procComm(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

describe('remove', () => {
  it('terminates the agent and leaves no worktree and no branch', async () => {
    const [created] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'add a readme' });
    const session = await waitForStatus(engine.tm.manager, created!.id, 'waiting');

    await engine.tm.manager.remove(session.id, false);
    expect(isAlive(session.pid!)).toBe(false);
    expect(existsSync(session.worktreePath)).toBe(false);
    expect(branches()).toEqual(['main']);
    expect(gitSync(engine.temp.repo, ['worktree', 'list', '--porcelain'])).not.toContain(session.worktreePath);
    expect(existsSync(path.join(engine.temp.dataDir, 'sessions', session.id))).toBe(false);
    expect(engine.tm.manager.list()).toEqual([]);
    expect(() => engine.tm.manager.get(session.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(engine.tm.events.at(-1)).toEqual({ name: 'session.removed', payload: { id: session.id } });
  });

  it('without force refuses a dirty worktree and an unmerged branch; with force removes both', async () => {
    const session = await idleSession('add a readme', 'approve');
    const file = path.join(session.worktreePath, 'add-a-readme.txt');
    expect(existsSync(file)).toBe(true);

    await expect(engine.tm.manager.remove(session.id, false)).rejects.toMatchObject({ code: 'DIRTY_WORKTREE' });
    expect(existsSync(file)).toBe(true);
    expect(engine.tm.manager.get(session.id).status).toBe('idle');

    gitSync(session.worktreePath, ['add', 'add-a-readme.txt']);
    gitSync(session.worktreePath, ['commit', '--quiet', '-m', 'add the readme note']);
    await expect(engine.tm.manager.remove(session.id, false)).rejects.toMatchObject({ code: 'UNMERGED_BRANCH' });
    expect(branches()).toContain(session.branch);
    expect(existsSync(session.worktreePath)).toBe(true);
    expect(isAlive(session.pid!)).toBe(true);

    await engine.tm.manager.remove(session.id, true);
    expect(isAlive(session.pid!)).toBe(false);
    expect(existsSync(session.worktreePath)).toBe(false);
    expect(branches()).toEqual(['main']);
    expect(gitSync(engine.temp.repo, ['worktree', 'list', '--porcelain'])).not.toContain(session.worktreePath);
    expect(engine.tm.manager.list()).toEqual([]);
  });

  it('removes an ended session whose branch was merged', async () => {
    const session = await idleSession('add a readme', 'approve');
    gitSync(session.worktreePath, ['add', '.']);
    gitSync(session.worktreePath, ['commit', '--quiet', '-m', 'note']);
    gitSync(engine.temp.repo, ['merge', '--quiet', '--ff-only', session.branch]);
    await engine.tm.manager.send(session.id, 'exit');
    await waitForStatus(engine.tm.manager, session.id, 'completed');

    await engine.tm.manager.remove(session.id, false);
    expect(existsSync(session.worktreePath)).toBe(false);
    expect(branches()).toEqual(['main']);
    // The merged work stays on main.
    expect(existsSync(path.join(engine.temp.repo, 'add-a-readme.txt'))).toBe(true);
  });
});
