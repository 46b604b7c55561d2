import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test-support/error-of.js';
import { isAlive, sessionProcesses } from '../../test-support/process-probe.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitFor, waitForScreen, waitForStatus } from '../../test-support/wait-for.js';

// Faults around a running agent: its worktree deleted under it, and crashes that leave processes behind.

const engine = useTestEngine();

describe('a worktree deleted by hand while its session runs', () => {
  it('is reported on that session (history, error, diff) and leaves the other sessions alone', async () => {
    const { manager } = engine.tm;
    const [doomed] = await manager.create({ repoPath: engine.temp.repo, prompt: 'doomed work' });
    const [other] = await manager.create({ repoPath: engine.temp.repo, prompt: 'other work' });
    await waitForStatus(manager, doomed!.id, 'waiting');
    await waitForStatus(manager, other!.id, 'waiting');
    const attention: string[] = [];
    manager.subscribe((event) => {
      if (event.name === 'session.attention' && event.payload.id === doomed!.id) attention.push(event.payload.reason);
    });

    rmSync(doomed!.worktreePath, { recursive: true, force: true });

    // Said on the session by itself, without the user asking for anything.
    const said = await waitFor(
      () => manager.history(doomed!.id).find((e) => e.kind === 'error' && e.detail?.includes(doomed!.worktreePath)),
      { timeoutMs: 5000, what: 'the deleted worktree to be recorded on the session' },
    );
    expect(said.detail).toMatch(/deleted/);
    expect(manager.get(doomed!.id).error).toMatch(/worktree .* deleted/);
    expect(attention.join('\n')).toMatch(/deleted/);
    expect((await errorOf(manager.git.diff(doomed!.id))).code).toBe('WORKTREE_MISSING');
    // Once only, however often the diff is asked for.
    await errorOf(manager.git.diff(doomed!.id));
    expect(manager.history(doomed!.id).filter((e) => e.kind === 'error')).toHaveLength(1);

    // The agent fails at its next file write; the reason names the worktree, not just an exit code.
    await manager.approve(doomed!.id);
    const failed = await waitForStatus(manager, doomed!.id, 'failed');
    expect(failed.error).toMatch(/exited with code 1.*worktree .* deleted/);

    // The other session never noticed.
    expect(manager.get(other!.id)).toMatchObject({ status: 'waiting', error: null });
    expect(manager.history(other!.id).some((e) => e.kind === 'error')).toBe(false);
    await manager.approve(other!.id);
    await waitFor(async () => (await manager.git.diff(other!.id)).files.some((f) => f.path === 'other-work.txt'), {
      what: "the other session's file in its diff",
    });
    expect(path.dirname(other!.worktreePath)).toBe(path.dirname(doomed!.worktreePath));
  });
});

/**
 * An agent that starts children every way it can and then, on any input, crashes (exit 3): one in its own
 * process group (reached by the pty's hangup), one there deaf to SIGHUP and SIGTERM, one detached
 * (setsid() by Node), one through setsid(1), and one in a process group of its own (job control).
 */
const LITTERING_AGENT = `
import { spawn } from 'node:child_process';
const quiet = { stdio: 'ignore' };
spawn('sleep', ['300'], quiet);
spawn('sh', ['-c', 'trap "" HUP TERM; sleep 301; :'], quiet);
spawn('sh', ['-c', 'sleep 302; :'], { ...quiet, detached: true });
spawn('setsid', ['sleep', '303'], quiet);
spawn('bash', ['-c', 'set -m; sleep 304 & wait'], quiet);
setTimeout(() => process.stdout.write('children started\\r\\n'), 300);
process.stdin.on('data', () => process.exit(3));
`;

describe('an agent that leaves children behind', () => {
  async function litteringSession() {
    const { manager } = engine.tm;
    const script = path.join(engine.temp.dir, 'littering-agent.mjs');
    writeFileSync(script, LITTERING_AGENT);
    const profile = manager.profiles.create({
      provider: 'custom',
      name: 'litter',
      binaryPath: process.execPath,
      extraArgs: [script],
      model: null,
      env: {},
    });
    const [session] = await manager.create({ repoPath: engine.temp.repo, profileId: profile.id });
    await waitForScreen(manager, session!.id, 'children started');
    const id = new Set([session!.id]);
    // The agent, its five children and the shells between them and their sleeps.
    const running = await waitFor(
      () => {
        const found = sessionProcesses(id);
        return found.length >= 8 && found;
      },
      { what: 'every child of the agent to run' },
    );
    expect(new Set(running.map((p) => p.pgid)).size, 'children in several process groups').toBeGreaterThanOrEqual(4);
    return { session: session!, running };
  }

  it('leaves nothing running once the agent has crashed', async () => {
    const { manager } = engine.tm;
    const { session, running } = await litteringSession();
    manager.input(session.id, 'x\r');
    const failed = await waitForStatus(manager, session.id, 'failed');
    expect(failed.error).toBe('agent exited with code 3');
    // Checked by pid and start time, so a recycled pid cannot hide a survivor.
    expect(running.filter((p) => isAlive(p.pid, p.startTime))).toEqual([]);
    expect(sessionProcesses([session.id])).toEqual([]);
  });

  it('leaves nothing running once terminated', async () => {
    const { manager } = engine.tm;
    const { session, running } = await litteringSession();
    await manager.kill([session.id]);
    expect(manager.get(session.id).status).toBe('cancelled');
    expect(running.filter((p) => isAlive(p.pid, p.startTime))).toEqual([]);
    expect(sessionProcesses([session.id])).toEqual([]);
  });
});
