import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionProcesses } from '../../test-support/process-probe.js';
import { gitSync } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitFor } from '../../test-support/wait-for.js';
import { ScreenMirror } from '../output/screen-mirror.js';

const COUNT = 50;
const LIMIT = { timeoutMs: 120_000, intervalMs: 100 };

const engine = useTestEngine();

function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

describe('load: 50 concurrent sessions', () => {
  it('creates, auto-approves, pauses, resumes and terminates 50 demo sessions with nothing leaked', { timeout: 300_000 }, async () => {
    const { manager } = engine.tm;
    // The screen mirror thread is started once per process and stays: count its descriptors in the baseline.
    const probe = new ScreenMirror(10, 2);
    await probe.text();
    probe.dispose();
    const fdsBefore = openFds();

    const sessions = await manager.create({ repoPath: engine.temp.repo, prompt: 'load test', count: COUNT, autoYes: true });
    expect(sessions).toHaveLength(COUNT);
    expect(new Set(sessions.map((s) => s.branch)).size).toBe(COUNT);
    expect(sessions.every((s) => s.status === 'running')).toBe(true);
    const ids = sessions.map((s) => s.id);

    // Each agent asks its question, auto-yes answers it, the file appears, the agent goes idle.
    await waitFor(() => ids.every((id) => manager.get(id).status === 'idle' && existsSync(path.join(manager.get(id).worktreePath, 'load-test.txt'))), {
      ...LIMIT,
      what: 'every session approved by auto-yes and idle',
    });
    for (const id of ids) {
      expect(manager.history(id).some((e) => e.kind === 'approved' && e.detail?.includes('auto-yes'))).toBe(true);
    }

    const paused = await manager.pause(ids);
    expect(paused.results.every((r) => r.ok)).toBe(true);
    expect(manager.list().every((s) => s.status === 'paused')).toBe(true);

    const resumed = await manager.resume(ids);
    expect(resumed.results.every((r) => r.ok)).toBe(true);
    await waitFor(() => ids.every((id) => manager.get(id).status === 'idle'), { ...LIMIT, what: 'every session idle again' });

    const killed = await manager.kill(ids);
    expect(killed.results.every((r) => r.ok)).toBe(true);
    expect(manager.list().every((s) => s.status === 'cancelled')).toBe(true);
    expect(sessionProcesses(new Set(ids))).toEqual([]);

    for (const id of ids) await manager.remove(id, true);
    expect(manager.list()).toEqual([]);
    expect(gitSync(engine.temp.repo, ['branch', '--list', 'flotilla/*'])).toBe('');
    expect(gitSync(engine.temp.repo, ['worktree', 'list']).split('\n')).toHaveLength(1);
    const worktreeRoot = path.join(engine.temp.dataDir, 'worktrees', path.basename(engine.temp.repo));
    expect(existsSync(worktreeRoot) ? readdirSync(worktreeRoot) : []).toEqual([]);
    // Every pty and log stream was closed (a little slack for the runtime's own handles).
    await waitFor(() => openFds() <= fdsBefore + 2, { timeoutMs: 5000, what: `open fds back to ${fdsBefore}` });
  });
});
