import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { isAlive, procInfo } from '../../test-support/process-probe.js';
import { gitSync } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { testEnv } from '../../test-support/test-manager.js';
import { waitFor, waitForScreen, waitForStatus } from '../../test-support/wait-for.js';

// Restart recovery: a host that dies (SIGKILL) or closes must leave every session resumable, exactly once.

const HOST_CHILD = fileURLToPath(new URL('./fixtures/host-child.mjs', import.meta.url));
const COUNT = 3;
const QUESTION = 'Do you want to create survive-the-crash.txt?';

let child: ChildProcess | undefined;

// Lazy: the engine opens only after a host child of the test's own has used (and left) the data dir.
const engine = useTestEngine({ lazy: true });
const agentIds = engine.hostSessionIds;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

interface HostReport {
  sessions: { id: string; pid: number }[];
}

/** Runs the fixture host until it reports its sessions waiting on their question. */
function startHost(): Promise<HostReport> {
  const host = spawn(process.execPath, [HOST_CHILD, engine.temp.dataDir, engine.temp.repo, String(COUNT)], {
    env: testEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = host;
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`host-child reported nothing in 20 s; stderr: ${stderr}`)), 20_000);
    host.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    host.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const report = JSON.parse(line) as HostReport;
      for (const s of report.sessions) agentIds.add(s.id);
      resolve(report);
    });
    host.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`host-child exited early (${code ?? signal}); stderr: ${stderr}`));
    });
  });
}

async function killHost(): Promise<void> {
  const host = child!;
  const exited = new Promise((resolve) => host.once('exit', resolve));
  host.kill('SIGKILL');
  await exited;
}

function branchExists(branch: string): boolean {
  return gitSync(engine.temp.repo, ['branch', '--list', branch]) !== '';
}

describe('recovery after the host was SIGKILLed', () => {
  it('lists every session once, paused with its last screen, and resumes the conversation', async () => {
    const report = await startHost();
    expect(report.sessions).toHaveLength(COUNT);
    const agents = report.sessions.map((s) => ({ ...s, startTime: procInfo(s.pid)?.startTime }));
    for (const agent of agents) expect(agent.startTime, `agent ${agent.pid} running`).toBeDefined();
    await killHost();

    const tm = await engine.open();
    const sessions = tm.manager.list();
    expect(sessions.map((s) => s.id).sort()).toEqual(report.sessions.map((s) => s.id).sort());
    for (const agent of agents) {
      await waitFor(() => !isAlive(agent.pid, agent.startTime), {
        timeoutMs: 3000,
        what: `old agent ${agent.pid} to be gone`,
      });
    }
    for (const session of sessions) {
      expect(session).toMatchObject({ status: 'paused', pid: null, question: null });
      expect(existsSync(session.worktreePath)).toBe(true);
      expect(gitSync(session.worktreePath, ['rev-parse', '--abbrev-ref', 'HEAD'])).toBe(session.branch);
      expect(branchExists(session.branch)).toBe(true);
      const screen = (await tm.manager.screen(session.id)).text;
      expect(screen).toContain('Flotilla demo agent');
      expect(screen).toContain(QUESTION);
      expect(tm.manager.history(session.id).at(-1)).toMatchObject({
        kind: 'status',
        fromStatus: 'waiting',
        toStatus: 'paused',
        detail: 'the host stopped while the agent ran; resume continues the conversation',
      });
    }

    // A second start changes nothing: same sessions, same records, no new history.
    const historyBefore = sessions.map((s) => tm.manager.history(s.id));
    const again = await engine.reopen();
    expect(again.manager.list()).toEqual(sessions);
    expect(sessions.map((s) => again.manager.history(s.id))).toEqual(historyBefore);

    // Resume respawns the agent in the same worktree with its conversation.
    const [first] = sessions as [Session, ...Session[]];
    const resumed = await again.manager.resume([first.id]);
    expect(resumed.results[0]).toMatchObject({ ok: true, session: { status: 'running' } });
    const live = again.manager.get(first.id);
    expect(live.pid).not.toBeNull();
    expect(agents.map((a) => a.pid)).not.toContain(live.pid);
    await waitForScreen(again.manager, first.id, `Resumed conversation ${first.conversationId} (1 earlier prompts)`);
    await waitForStatus(again.manager, first.id, 'idle');
    await again.manager.send(first.id, 'keep going');
    expect((await waitForStatus(again.manager, first.id, 'waiting')).question?.text).toBe(
      'Do you want to create keep-going.txt?',
    );
    expect(again.manager.list().filter((s) => s.status === 'paused')).toHaveLength(COUNT - 1);
  });

  it('reports a session whose worktree disappeared as failed, keeping its branch, and the others paused', async () => {
    const [gone, ...kept] = (await startHost()).sessions.map((s) => s.id) as [string, ...string[]];
    await killHost();
    const goneWorktree = path.join(engine.temp.dataDir, 'worktrees', 'repo', `survive-the-crash-${gone}`);
    expect(existsSync(goneWorktree)).toBe(true);
    await rm(goneWorktree, { recursive: true, force: true });

    const tm = await engine.open();
    expect(tm.manager.list()).toHaveLength(COUNT);
    expect(tm.manager.get(gone)).toMatchObject({
      status: 'failed',
      pid: null,
      error: `worktree ${goneWorktree} is missing`,
    });
    expect(branchExists(tm.manager.get(gone).branch)).toBe(true);
    for (const id of kept) expect(tm.manager.get(id).status).toBe('paused');
    expect((await tm.manager.resume([gone])).results[0]).toMatchObject({ ok: false });
  });
});

describe('graceful close', () => {
  it('records live sessions as paused, stops every agent, and resume works after reopening', async () => {
    const tm = await engine.open();
    const created = await tm.manager.create({ repoPath: engine.temp.repo, prompt: 'close gracefully', count: 3 });
    const [idle, stopped, waiting] = created as [Session, Session, Session];
    for (const s of created) agentIds.add(s.id);
    await Promise.all(created.map((s) => waitForStatus(tm.manager, s.id, 'waiting')));
    await tm.manager.approve(idle.id);
    await waitForStatus(tm.manager, idle.id, 'idle');
    await tm.manager.pause([stopped.id]);
    await waitFor(() => procInfo(stopped.pid!)?.state === 'T', { what: 'the paused agent to stop' });
    const agents = created.map((s) => ({ pid: s.pid!, startTime: procInfo(s.pid!)?.startTime }));

    await engine.close();
    for (const agent of agents) expect(isAlive(agent.pid, agent.startTime), `agent ${agent.pid}`).toBe(false);

    const reopened = await engine.open();
    const sessions = reopened.manager.list();
    expect(sessions).toHaveLength(3);
    for (const s of sessions) expect(s).toMatchObject({ status: 'paused', pid: null });
    for (const s of [idle, waiting]) {
      expect(reopened.manager.history(s.id).at(-1)).toMatchObject({
        toStatus: 'paused',
        detail: 'host stopped; resume restarts the agent',
      });
    }
    expect(reopened.manager.history(stopped.id).at(-1)).toMatchObject({
      toStatus: 'paused',
      detail: 'paused by user (SIGSTOP)',
    });
    expect((await reopened.manager.screen(idle.id)).text).toContain('Done.');
    expect((await reopened.manager.screen(waiting.id)).text).toContain('Do you want to create close-gracefully.txt?');

    const results = await reopened.manager.resume(created.map((s) => s.id));
    expect(results.results.map((r) => r.ok)).toEqual([true, true, true]);
    for (const s of created) {
      await waitForScreen(reopened.manager, s.id, `Resumed conversation ${s.conversationId} (1 earlier prompts)`);
      expect(reopened.manager.get(s.id).status).not.toBe('paused');
    }
  });
});
