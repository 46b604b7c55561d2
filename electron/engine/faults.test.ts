import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killSessionProcesses, sessionProcesses } from '../test-support/process-probe.js';
import { createTempRepo, gitSync, type TempRepo } from '../test-support/temp-repo.js';
import { openTestManager, type TestManager } from '../test-support/test-manager.js';
import { waitFor, waitForStatus } from '../test-support/wait-for.js';

const STREAMING_HOST = fileURLToPath(new URL('./fixtures/streaming-host.mjs', import.meta.url));

let temp: TempRepo;
let engine: TestManager | undefined;
let child: ChildProcess | undefined;
const ids = new Set<string>();

beforeEach(() => {
  temp = createTempRepo();
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  const leaked = engine ? await engine.close() : [];
  engine = undefined;
  killSessionProcesses(ids);
  ids.clear();
  spawnSync('umount', ['-l', path.join(temp.dir, 'small')]);
  await temp.cleanup();
  expect(leaked).toEqual([]);
});

/** A second repo whose post-checkout hook stalls, so a create in it stays `creating`. */
function slowRepo(): string {
  const repo = path.join(temp.dir, 'slow');
  mkdirSync(repo);
  gitSync(repo, ['init', '--quiet']);
  gitSync(repo, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  writeFileSync(path.join(repo, 'a.txt'), 'a\n');
  gitSync(repo, ['add', 'a.txt']);
  gitSync(repo, ['commit', '--quiet', '-m', 'init']);
  const hook = path.join(repo, '.git', 'hooks', 'post-checkout');
  writeFileSync(hook, '#!/bin/sh\nsleep 60\n');
  chmodSync(hook, 0o755);
  return repo;
}

describe('faults', () => {
  it('loses nothing when the host is SIGKILLed while 10 sessions stream and one is being created', { timeout: 180_000 }, async () => {
    const slow = slowRepo();
    child = spawn(process.execPath, [STREAMING_HOST, temp.dataDir, temp.repo, slow, '10'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    await waitFor(() => out.includes('\n') || child?.exitCode !== null, { timeoutMs: 120_000, what: 'the streaming host to report' });
    const report = JSON.parse(out.split('\n')[0] ?? 'null') as { streaming: string[]; creating: string } | null;
    expect(report, err).not.toBeNull();
    for (const id of [...report!.streaming, report!.creating]) ids.add(id);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    spawnSync('pkill', ['-f', 'sleep 60']);

    const db = new Database(path.join(temp.dataDir, 'flotilla.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    engine = await openTestManager(temp.dataDir);
    const sessions = engine.manager.list();
    expect(sessions.map((s) => s.id).sort()).toEqual([...report!.streaming, report!.creating].sort());
    for (const id of report!.streaming) {
      const session = engine.manager.get(id);
      expect(session.status).toBe('paused');
      expect(existsSync(session.worktreePath)).toBe(true);
      // The last screen is the flood as it was when the host died.
      const screen = await engine.manager.screen(id);
      expect(screen.text.split('\n').filter((line) => line.includes('flotilla demo flood')).length).toBeGreaterThan(20);
    }
    // The create that was cut off is reported, not silently dropped or half-made.
    const cut = engine.manager.get(report!.creating);
    expect(['paused', 'failed']).toContain(cut.status);
    expect(engine.manager.history(cut.id).at(-1)?.detail).toMatch(/host stopped|worktree/);
    if (cut.status === 'failed') expect(gitSync(slow, ['branch', '--list', cut.branch])).toBe('');
    expect(sessionProcesses(ids)).toEqual([]);
  });

  it('terminates an agent that ignores SIGTERM, leaving nothing running', async () => {
    engine = await openTestManager(temp.dataDir);
    const [session] = await engine.manager.create({
      repoPath: temp.repo,
      provider: 'shell',
      prompt: "trap '' TERM; sh -c 'trap \"\" TERM; sleep 300' & sleep 300",
    });
    ids.add(session!.id);
    await waitFor(() => sessionProcesses(new Set([session!.id])).length >= 3, { what: 'the shell and its sleeps' });
    const started = Date.now();
    await engine.manager.kill([session!.id]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(engine.manager.get(session!.id).status).toBe('cancelled');
    expect(sessionProcesses(new Set([session!.id]))).toEqual([]);
  });

  it('explains a base branch deleted under a session and still removes it when forced', async () => {
    gitSync(temp.repo, ['branch', 'feature']);
    engine = await openTestManager(temp.dataDir);
    const [session] = await engine.manager.create({ repoPath: temp.repo, baseBranch: 'feature', prompt: 'orphaned' });
    ids.add(session!.id);
    await waitForStatus(engine.manager, session!.id, 'waiting');
    gitSync(temp.repo, ['branch', '-D', 'feature']);
    await expect(engine.manager.remove(session!.id, false)).rejects.toMatchObject({ code: 'UNKNOWN_BASE', message: expect.stringContaining('feature') });
    expect(engine.manager.get(session!.id).status).toBe('waiting');
    await engine.manager.remove(session!.id, true);
    expect(gitSync(temp.repo, ['branch', '--list', 'flotilla/*'])).toBe('');
  });

  it('keeps the host up and other sessions intact when the data dir fills up', { timeout: 90_000 }, async (ctx) => {
    const small = path.join(temp.dir, 'small');
    mkdirSync(small);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', small]);
    if (mounted.status !== 0) {
      console.log(`disk-full test skipped: cannot mount a small tmpfs here (${mounted.stderr.toString().trim()})`);
      ctx.skip();
    }
    engine = await openTestManager(path.join(small, 'data'));
    engine.manager.updateSettings({ worktreeRoot: path.join(temp.dir, 'worktrees') });
    const [quiet] = await engine.manager.create({ repoPath: temp.repo, prompt: 'stay calm' });
    ids.add(quiet!.id);
    await waitForStatus(engine.manager, quiet!.id, 'waiting');
    const [flood] = await engine.manager.create({ repoPath: temp.repo, prompt: 'flood 8' });
    ids.add(flood!.id);
    await waitFor(() => engine!.manager.history(flood!.id).some((e) => e.kind === 'error' && /ENOSPC|no space/i.test(e.detail ?? '')), {
      timeoutMs: 60_000,
      what: 'the full disk to be reported on the flooding session',
    });
    // The host is still up and the other session is untouched and still answerable.
    expect(engine.manager.get(quiet!.id).status).toBe('waiting');
    engine.manager.approve(quiet!.id);
    await waitFor(() => existsSync(path.join(engine!.manager.get(quiet!.id).worktreePath, 'stay-calm.txt')), { what: 'the approved file' });
  });
});
