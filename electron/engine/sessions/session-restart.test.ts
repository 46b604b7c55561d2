import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { sessionProcesses } from '../../test-support/process-probe.js';
import { gitSync } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitForScreen, waitForStatus } from '../../test-support/wait-for.js';

// Restart of ended sessions on the demo agent: real worktrees, real ptys, the agent's own transcript.

const engine = useTestEngine();

/** A session that wrote `<prompt>.txt` in its worktree (question approved) and sits idle. */
async function sessionWithFile(prompt: string): Promise<Session> {
  const { manager } = engine.tm;
  const [session] = await manager.create({ repoPath: engine.temp.repo, prompt });
  await waitForStatus(manager, session!.id, 'waiting');
  await manager.approve(session!.id);
  return waitForStatus(manager, session!.id, 'idle');
}

function restartEvents(id: string) {
  return engine.tm.manager.history(id).filter((e) => e.kind === 'status' && e.detail?.startsWith('Restarted'));
}

describe('restart', () => {
  it('runs a cancelled session again in its worktree and branch, resuming its conversation', async () => {
    const { manager } = engine.tm;
    const before = await sessionWithFile('add notes');
    const file = path.join(before.worktreePath, 'add-notes.txt');
    expect(existsSync(file)).toBe(true);
    await manager.kill([before.id]);
    expect(manager.get(before.id).status).toBe('cancelled');

    const result = await manager.restart([before.id]);
    expect(result.results[0]).toMatchObject({ ok: true, session: { status: 'running' } });
    const after = manager.get(before.id);
    expect(after).toMatchObject({
      worktreePath: before.worktreePath,
      branch: before.branch,
      conversationId: before.conversationId,
      error: null,
    });
    expect(after.pid).not.toBeNull();
    expect(after.pid).not.toBe(before.pid);
    // The demo agent was started with --resume <the same conversation id> and read its transcript back.
    await waitForScreen(manager, before.id, `Resumed conversation ${before.conversationId} (1 earlier prompts)`);
    await waitForScreen(manager, before.id, `cwd: ${before.worktreePath}`);
    expect(readFileSync(file, 'utf8')).toContain('add notes');
    expect(gitSync(before.worktreePath, ['branch', '--show-current'])).toBe(before.branch);
    expect(restartEvents(before.id)).toEqual([
      expect.objectContaining({ fromStatus: 'cancelled', toStatus: 'running' }),
    ]);

    // It is a live session again: it answers, and kill ends it as before.
    await manager.send(before.id, 'second task');
    await waitForStatus(manager, before.id, 'waiting');
    await manager.kill([before.id]);
    expect(manager.get(before.id).status).toBe('cancelled');
  });

  it('restarts a failed session (agent crashed) and an archived one comes back into the grid', async () => {
    const { manager } = engine.tm;
    const [session] = await manager.create({ repoPath: engine.temp.repo, prompt: 'crash' });
    const failed = await waitForStatus(manager, session!.id, 'failed');
    expect(failed.error).toMatch(/exited with code 1/);
    manager.archive(failed.id, true);

    const result = await manager.restart([failed.id]);
    expect(result.results[0]).toMatchObject({
      ok: true,
      session: { status: 'running', error: null, archivedAt: null },
    });
    await waitForScreen(manager, failed.id, `Resumed conversation ${failed.conversationId} (1 earlier prompts)`);
    expect(restartEvents(failed.id)).toEqual([expect.objectContaining({ fromStatus: 'failed', toStatus: 'running' })]);
  });

  it('restarts a completed session (the agent exited 0)', async () => {
    const { manager } = engine.tm;
    const [session] = await manager.create({ repoPath: engine.temp.repo, prompt: 'exit' });
    await waitForStatus(manager, session!.id, 'completed');
    expect((await manager.restart([session!.id])).results[0]).toMatchObject({
      ok: true,
      session: { status: 'running' },
    });
    await waitForScreen(manager, session!.id, `Resumed conversation ${session!.conversationId} (1 earlier prompts)`);
    expect(restartEvents(session!.id)).toEqual([
      expect.objectContaining({ fromStatus: 'completed', toStatus: 'running' }),
    ]);
  });

  it('refuses a session whose worktree was removed, saying so, and spawns nothing', async () => {
    const { manager } = engine.tm;
    const session = await sessionWithFile('gone soon');
    await manager.kill([session.id]);
    gitSync(engine.temp.repo, ['worktree', 'remove', '--force', session.worktreePath]);

    const result = await manager.restart([session.id]);
    expect(result.results[0]).toMatchObject({
      ok: false,
      error: expect.stringContaining(`its worktree ${session.worktreePath} is gone`),
    });
    expect(manager.get(session.id)).toMatchObject({ status: 'cancelled', pid: null });
    expect(sessionProcesses([session.id])).toEqual([]);
    expect(existsSync(session.worktreePath)).toBe(false);
    expect(restartEvents(session.id)).toEqual([]);
  });

  it('refuses live sessions and a session whose branch was deleted', async () => {
    const { manager } = engine.tm;
    const session = await sessionWithFile('live one');
    expect((await manager.restart([session.id])).results[0]).toMatchObject({
      ok: false,
      error: expect.stringContaining('cannot restart a idle session'),
    });
    await manager.kill([session.id]);
    // Detach the worktree from its branch so git lets the branch go.
    gitSync(session.worktreePath, ['checkout', '--quiet', '--detach']);
    gitSync(engine.temp.repo, ['branch', '-D', session.branch]);
    expect((await manager.restart([session.id])).results[0]).toMatchObject({
      ok: false,
      error: expect.stringContaining(`its branch ${session.branch} no longer exists`),
    });
    expect(sessionProcesses([session.id])).toEqual([]);
  });

  it('a double restart starts one agent', async () => {
    const { manager } = engine.tm;
    const session = await sessionWithFile('only once');
    await manager.kill([session.id]);
    const [a, b] = await Promise.all([manager.restart([session.id]), manager.restart([session.id])]);
    expect([a.results[0]?.ok, b.results[0]?.ok]).toEqual([true, true]);
    await waitForScreen(manager, session.id, 'Resumed conversation');
    expect(sessionProcesses([session.id])).toHaveLength(1);
  });

  it('a kill while the restarted agent is being started stops that agent: none runs on under a cancelled session', async () => {
    const { manager } = engine.tm;
    const session = await sessionWithFile('kill me early');
    await manager.kill([session.id]);
    let killed: Promise<unknown> | undefined;
    const stop = manager.subscribe((event) => {
      if (
        event.name === 'session.status' &&
        event.payload.session.id === session.id &&
        event.payload.from === 'cancelled'
      )
        killed ??= manager.kill([session.id]);
    });
    try {
      // The kill waits for the restart under way to land, then stops the agent it started.
      const outcome = (await manager.restart([session.id])).results[0];
      expect(outcome, outcome?.error).toMatchObject({ ok: true });
      await killed;
    } finally {
      stop();
    }
    expect(killed).toBeDefined();
    expect(manager.get(session.id)).toMatchObject({ status: 'cancelled', pid: null });
    expect(sessionProcesses([session.id])).toEqual([]);
  });

  it('a session that never got its worktree gets one again and starts on its original prompt', async () => {
    const { manager } = engine.tm;
    await manager.repos.setSettings({ repoPath: engine.temp.repo, setupCommand: `sh -c "exit 1"` });
    const [session] = await manager.create({ repoPath: engine.temp.repo, prompt: 'try again' });
    expect(session).toMatchObject({ status: 'failed' });
    expect(existsSync(session!.worktreePath)).toBe(false);

    // The cause is fixed, then Restart makes the worktree and runs the agent as create would have.
    await manager.repos.setSettings({ repoPath: engine.temp.repo, setupCommand: '' });
    expect((await manager.restart([session!.id])).results[0]).toMatchObject({ ok: true });
    expect(existsSync(session!.worktreePath)).toBe(true);
    expect(gitSync(session!.worktreePath, ['branch', '--show-current'])).toBe(session!.branch);
    const waiting = await waitForStatus(manager, session!.id, 'waiting');
    expect(waiting.question?.text).toBe('Do you want to create try-again.txt?');
  });
});
