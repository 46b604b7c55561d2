import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../../test-support/host-process.js';
import { killProcesses, sessionProcesses, type ProcInfo } from '../../test-support/process-probe.js';
import { errorOf } from '../../test-support/error-of.js';
import { initRepo } from '../../git/fixtures/make-repo.js';
import { gitSync, repoState } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { connectTestClient, type TestClient } from '../../test-support/test-host.js';
import { waitFor, waitForStatus } from '../../test-support/wait-for.js';
import { OutputLog, readLastScreen } from '../output/output-log.js';
import { worktreeReport } from '../worktrees/worktree-report.js';

let hostProcess: HostProcess | undefined;
let client: TestClient | undefined;
/** Processes the test started besides agents (git and its hook under a killed host). */
const started: ProcInfo[] = [];

// Lazy: most tests run a host process of their own on the data dir instead.
const engine = useTestEngine({
  lazy: true,
  afterClose: () => {
    spawnSync('umount', ['-l', path.join(engine.temp.dir, 'small')]);
  },
});
const ids = engine.hostSessionIds;

afterEach(async () => {
  client?.socket.terminate();
  client = undefined;
  if (hostProcess) started.push(...hostProcess.descendants());
  await hostProcess?.kill();
  hostProcess = undefined;
  killProcesses(started.splice(0));
});

/** A second repo whose post-checkout hook stalls, so a create in it stays `creating`. */
function slowRepo(): string {
  const repo = path.join(engine.temp.dir, 'slow');
  initRepo(repo, 'a\n');
  const hook = path.join(repo, '.git', 'hooks', 'post-checkout');
  writeFileSync(hook, '#!/bin/sh\nsleep 60\n');
  chmodSync(hook, 0o755);
  return repo;
}

const FLOOD_BATCH = 4000;
const FLOOD_LINE = /^flotilla flood (\d+)\r?$/;

/**
 * A shell command printing numbered lines in batches of FLOOD_BATCH (~1 MB/s), writing beforehand to
 * `progress` the highest number it is about to print: an upper bound of what the agent ever printed.
 */
function numberedFlood(progress: string): string {
  return (
    `i=0; while :; do echo $((i+${FLOOD_BATCH})) > ${progress}; ` +
    `seq -f 'flotilla flood %.0f' $((i+1)) $((i+${FLOOD_BATCH})); i=$((i+${FLOOD_BATCH})); sleep 0.05; done`
  );
}

/** Per session, the last complete flood line a client has seen, with when it saw each new one. */
class FloodWatcher {
  private readonly partial = new Map<string, string>();
  readonly seen = new Map<string, { at: number; line: number }[]>();

  take(id: string, data: string): void {
    const lines = ((this.partial.get(id) ?? '') + data).split('\n');
    this.partial.set(id, lines.pop() ?? '');
    let last: number | undefined;
    for (const line of lines) {
      const match = FLOOD_LINE.exec(line);
      if (match) last = Number(match[1]);
    }
    if (last === undefined) return;
    const samples = this.seen.get(id) ?? [];
    samples.push({ at: Date.now(), line: last });
    this.seen.set(id, samples);
  }

  last(id: string): number {
    return this.seen.get(id)?.at(-1)?.line ?? 0;
  }

  /** The last line seen at or before `at`. */
  lastAt(id: string, at: number): number {
    return (this.seen.get(id) ?? []).filter((s) => s.at <= at).at(-1)?.line ?? 0;
  }
}

/**
 * The flood lines of a restored screen, checked to be a run of consecutive numbers (nothing invented,
 * dropped or reordered on screen); a last line cut off mid-number when the host died is allowed. Returns
 * the last complete number.
 */
function restoredFlood(screen: string): { last: number; count: number } {
  const lines = screen
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
  let numbered = lines.flatMap((line, index) => {
    const match = FLOOD_LINE.exec(line);
    return match ? [{ index, n: Number(match[1]) }] : [];
  });
  const cut = numbered.at(-1);
  const before = numbered.at(-2);
  // The bottom line may be the next number cut off where the host died ("flotilla flood 12" of 12345).
  if (cut && before && cut.index === lines.length - 1 && cut.n !== before.n + 1) {
    expect(`flotilla flood ${before.n + 1}`.startsWith(lines[cut.index]!), screen).toBe(true);
    numbered = numbered.slice(0, -1);
  }
  expect(numbered.length, screen).toBeGreaterThan(20);
  for (let k = 1; k < numbered.length; k++) {
    expect(numbered[k]!.n, `line ${numbered[k]!.index} of the restored screen:\n${screen}`).toBe(
      numbered[k - 1]!.n + 1,
    );
    expect(numbered[k]!.index).toBe(numbered[k - 1]!.index + 1);
  }
  const last = numbered.at(-1)!;
  const after = lines.slice(last.index + 1);
  // Nothing below the flood but, at most, the next line cut off mid-word.
  expect(after.length, screen).toBeLessThanOrEqual(1);
  if (after[0] !== undefined) expect(`flotilla flood ${last.n + 1}`.startsWith(after[0]), screen).toBe(true);
  return { last: last.n, count: numbered.length };
}

describe('faults', () => {
  it(
    'loses nothing when the host is SIGKILLed while 10 sessions stream and one is being created',
    { timeout: 90_000 },
    async () => {
      const slow = slowRepo();
      hostProcess = await startHostProcess(engine.temp.dataDir);
      client = await connectTestClient(hostProcess, {}, hostProcess.token, { record: false });
      const flood = new FloodWatcher();
      client.client.on('session.output', ({ id, data }) => flood.take(id, data));
      const progress = path.join(engine.temp.dir, 'progress');
      mkdirSync(progress);
      const { sessions } = await client.client.invoke('session.create', {
        repoPath: engine.temp.repo,
        provider: 'shell',
        name: 'stream',
        prompt: numberedFlood(`${progress}/$FLOTILLA_SESSION_ID`),
        count: 10,
      });
      const streaming = sessions.map((s) => s.id);
      for (const id of streaming) ids.add(id);
      for (const id of streaming) await client.client.invoke('session.subscribe', { id });
      await waitFor(() => streaming.every((id) => flood.last(id) > 5 * FLOOD_BATCH), {
        timeoutMs: 30_000,
        what: 'every session to stream numbered lines',
      });

      // A create that stalls in git's post-checkout hook: still `creating` when the host dies.
      const created = new Promise<string>((resolve) =>
        client!.client.on('session.created', ({ session }) => session.repoPath === slow && resolve(session.id)),
      );
      void client.client.invoke('session.create', { repoPath: slow, prompt: 'mid create' }).catch(() => undefined);
      const creating = await created;
      ids.add(creating);
      // Stream until every output log has rotated (at 2 MB), then a little longer: snapshots are rewritten
      // every second, so the kill lands at some point in that cycle for each session.
      const rotated = (id: string) => existsSync(path.join(engine.temp.dataDir, 'sessions', id, 'output.1.log'));
      await waitFor(() => streaming.every(rotated), { timeoutMs: 30_000, what: 'every output log to rotate' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await client.client.invoke('session.get', { id: creating })).status).toBe('creating');

      // Power-loss style: the host and what it ran outside the agents' ptys (git, the stalled hook) die now.
      const agents = new Set(sessionProcesses(ids).map((p) => p.pid));
      const others = hostProcess.descendants().filter((p) => !agents.has(p.pid));
      expect(others.length, 'git and its hook running for the stalled create').toBeGreaterThan(0);
      const killedAt = Date.now();
      await hostProcess.kill();
      killProcesses(others);
      hostProcess = undefined;
      client.socket.terminate();
      client = undefined;

      const db = new Database(path.join(engine.temp.dataDir, 'flotilla.db'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();

      await engine.open();
      expect(
        engine.tm.manager
          .list()
          .map((s) => s.id)
          .sort(),
      ).toEqual([...streaming, creating].sort());
      for (const id of streaming) {
        const session = engine.tm.manager.get(id);
        expect(session.status).toBe('paused');
        expect(existsSync(session.worktreePath)).toBe(true);
        // The screen is restored up to the last second before the kill, with nothing the agent never printed.
        const restored = restoredFlood((await engine.tm.manager.screen(id)).text);
        expect(restored.last, `session ${id}`).toBeGreaterThanOrEqual(flood.lastAt(id, killedAt - 1000));
        expect(restored.last).toBeLessThanOrEqual(Number(readFileSync(path.join(progress, id), 'utf8')));
      }
      // The create that was cut off is reported, not silently dropped or half-made.
      const cut = engine.tm.manager.get(creating);
      expect(engine.tm.manager.history(cut.id).at(-1)?.detail).toMatch(/host stopped/);
      if (existsSync(cut.worktreePath)) {
        // Kept, as a complete worktree on its branch, for resume to start the agent in.
        expect(cut.status).toBe('paused');
        expect(gitSync(cut.worktreePath, ['rev-parse', '--abbrev-ref', 'HEAD'])).toBe(cut.branch);
        expect(gitSync(cut.worktreePath, ['status', '--porcelain'])).toBe('');
      } else {
        expect(cut.status).toBe('failed');
        expect(gitSync(slow, ['branch', '--list', cut.branch])).toBe('');
      }
      // No folder is left under the worktrees root that no session accounts for.
      const report = await worktreeReport([path.join(engine.temp.dataDir, 'worktrees')], engine.tm.manager.list());
      expect(report.orphans).toEqual([]);
      expect(sessionProcesses(ids)).toEqual([]);
    },
  );

  it('restores the screen when the host dies after a log rotation, before the next snapshot lands', async () => {
    // What the runtime does once a second: snapshot the screen at the log's current end, rotating at the cap.
    const dir = path.join(engine.temp.dir, 'session');
    const log = new OutputLog(dir, 24);
    await log.open();
    log.append('line 1\r\n');
    await log.writeSnapshot({ cols: 80, rows: 24, screen: 'line 1\r\n', ...log.position() });
    log.append('line 2\r\n');
    log.append('line 3\r\n');
    // The log rotated on reaching its cap (24 bytes): the snapshot names a file that is no longer output.log.
    await log.rotate();
    log.append('line 4\r\n');
    log.append('line 5\r\n');
    // SIGKILL here: the snapshot taken right after the rotation was still being serialized.
    await log.close();
    expect((await readLastScreen(dir)).data).toBe('line 1\r\nline 2\r\nline 3\r\nline 4\r\nline 5\r\n');
  });

  it('terminates an agent that ignores SIGTERM, leaving nothing running', async () => {
    await engine.open();
    const [session] = await engine.tm.manager.create({
      repoPath: engine.temp.repo,
      provider: 'shell',
      prompt: "trap '' TERM; sh -c 'trap \"\" TERM; sleep 300' & sleep 300",
    });
    ids.add(session!.id);
    await waitFor(() => sessionProcesses(new Set([session!.id])).length >= 3, { what: 'the shell and its sleeps' });
    const started = Date.now();
    await engine.tm.manager.kill([session!.id]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(engine.tm.manager.get(session!.id).status).toBe('cancelled');
    expect(sessionProcesses(new Set([session!.id]))).toEqual([]);
  });

  it('explains a base branch deleted under a session and still removes it when forced', async () => {
    gitSync(engine.temp.repo, ['branch', 'feature']);
    await engine.open();
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, baseBranch: 'feature', prompt: 'orphaned' });
    ids.add(session!.id);
    await waitForStatus(engine.tm.manager, session!.id, 'waiting');
    gitSync(engine.temp.repo, ['branch', '-D', 'feature']);
    await expect(engine.tm.manager.remove(session!.id, false)).rejects.toMatchObject({
      code: 'UNKNOWN_BASE',
      message: expect.stringContaining('feature'),
    });
    expect(engine.tm.manager.get(session!.id).status).toBe('waiting');
    await engine.tm.manager.remove(session!.id, true);
    expect(gitSync(engine.temp.repo, ['branch', '--list', 'flotilla/*'])).toBe('');
  });

  it('keeps the host up and other sessions intact when the data dir fills up', { timeout: 90_000 }, async (ctx) => {
    const small = path.join(engine.temp.dir, 'small');
    mkdirSync(small);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', small]);
    if (mounted.status !== 0) {
      console.log(
        `tmpfs disk-full test skipped: cannot mount a small tmpfs here (${mounted.stderr.toString().trim()}); the RLIMIT_FSIZE tests cover it without a mount`,
      );
      ctx.skip();
    }
    await engine.open(path.join(small, 'data'));
    engine.tm.manager.updateSettings({ worktreeRoot: path.join(engine.temp.dir, 'worktrees') });
    const [quiet] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'stay calm' });
    ids.add(quiet!.id);
    await waitForStatus(engine.tm.manager, quiet!.id, 'waiting');
    const [flood] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'flood 8' });
    ids.add(flood!.id);
    await waitFor(
      () =>
        engine.tm.manager.history(flood!.id).some((e) => e.kind === 'error' && /ENOSPC|no space/i.test(e.detail ?? '')),
      {
        timeoutMs: 60_000,
        what: 'the full disk to be reported on the flooding session',
      },
    );
    // The host is still up and the other session is untouched and still answerable.
    expect(engine.tm.manager.get(quiet!.id).status).toBe('waiting');
    await engine.tm.manager.approve(quiet!.id);
    await waitFor(() => existsSync(path.join(engine.tm.manager.get(quiet!.id).worktreePath, 'stay-calm.txt')), {
      what: 'the approved file',
    });
  });

  it(
    'keeps the host up and other sessions intact when a file-size limit stops its writes (no mount needed)',
    { timeout: 60_000 },
    async () => {
      hostProcess = await startHostProcess(engine.temp.dataDir);
      // RLIMIT_FSIZE on the running host, as a quota would: no file it writes may grow past 1.5 MB.
      const limit = spawnSync('prlimit', ['--pid', String(hostProcess.pid), `--fsize=${1536 * 1024}:`]);
      expect(limit.status, limit.stderr.toString()).toBe(0);
      client = await connectTestClient(hostProcess, {}, hostProcess.token, { record: false });
      const api = client.client;
      const status = async (id: string) => (await api.invoke('session.get', { id })).status;
      const [quiet] = (await api.invoke('session.create', { repoPath: engine.temp.repo, prompt: 'stay calm' })).sessions;
      ids.add(quiet!.id);
      await waitFor(async () => (await status(quiet!.id)) === 'waiting', { what: 'the quiet session to ask' });
      const [flood] = (await api.invoke('session.create', { repoPath: engine.temp.repo, prompt: 'flood 8' })).sessions;
      ids.add(flood!.id);

      const said = await waitFor(
        async () => (await api.invoke('session.events', { id: flood!.id })).events.find((e) => e.kind === 'error'),
        { timeoutMs: 30_000, what: 'the stopped output log to be recorded on the flooding session' },
      );
      expect(said.detail).toMatch(/output log stopped: EFBIG/);
      // The agent is not stopped by it: its flood runs to the end and its screen is still served.
      await waitFor(async () => (await api.invoke('session.screen', { id: flood!.id })).text.includes('Flood done.'), {
        timeoutMs: 30_000,
        what: 'the flood to finish',
      });
      // The host is up, the other session untouched and still answerable.
      expect(hostProcess.exited(), hostProcess.stderr()).toBe(false);
      expect(await status(quiet!.id)).toBe('waiting');
      expect((await api.invoke('session.events', { id: quiet!.id })).events.some((e) => e.kind === 'error')).toBe(
        false,
      );
      await api.invoke('session.approve', { id: quiet!.id });
      await waitFor(() => existsSync(path.join(quiet!.worktreePath, 'stay-calm.txt')), { what: 'the approved file' });
    },
  );

  it(
    'reports a database write refused for lack of space, keeps the host up and recovers once there is room',
    { timeout: 60_000 },
    async () => {
      hostProcess = await startHostProcess(engine.temp.dataDir);
      client = await connectTestClient(hostProcess);
      const api = client.client;
      const [live] = (await api.invoke('session.create', { repoPath: engine.temp.repo, prompt: 'keep going' })).sessions;
      ids.add(live!.id);
      await waitFor(async () => (await api.invoke('session.get', { id: live!.id })).status === 'waiting', {
        what: 'a question',
      });
      const before = repoState(engine.temp.repo, engine.temp.dataDir);

      // The database's write-ahead log may not grow past its size now (RLIMIT_FSIZE on the host): SQLite
      // gets the short writes of a full disk. The agent, started before, is not limited.
      const wal = statSync(path.join(engine.temp.dataDir, 'flotilla.db-wal')).size;
      const full = spawnSync('prlimit', ['--pid', String(hostProcess.pid), `--fsize=${wal}:`]);
      expect(full.status, full.stderr.toString()).toBe(0);

      // A create says why it failed and leaves nothing behind.
      const refused = await errorOf(api.invoke('session.create', { repoPath: engine.temp.repo, prompt: 'no room' }));
      expect(refused.message).toMatch(/database or disk is full|disk I\/O error/);
      expect(repoState(engine.temp.repo, engine.temp.dataDir)).toEqual(before);
      expect((await api.invoke('session.list', {})).sessions.map((s) => s.id)).toEqual([live!.id]);

      // The running agent is not disturbed; what cannot be saved is told to the clients instead.
      await api.invoke('session.approve', { id: live!.id });
      await waitFor(() => existsSync(path.join(live!.worktreePath, 'keep-going.txt')), { what: 'the approved file' });
      const told = await waitFor(
        () => client!.events.find((e) => e.name === 'session.attention' && e.payload.id === live!.id),
        { what: 'the unsaved history event to be told to the client' },
      );
      expect(told.name === 'session.attention' && told.payload.reason).toMatch(
        /could not save .*(database or disk is full|disk I\/O error)/,
      );
      await waitFor(
        async () => (await api.invoke('session.screen', { id: live!.id })).text.includes('Wrote keep-going.txt'),
        {
          what: 'the screen to be served',
        },
      );
      expect(hostProcess.exited(), hostProcess.stderr()).toBe(false);

      // Room again: the host carries on without a restart, and the database is sound.
      const room = spawnSync('prlimit', ['--pid', String(hostProcess.pid), '--fsize=unlimited:']);
      expect(room.status, room.stderr.toString()).toBe(0);
      const [next] = (await api.invoke('session.create', { repoPath: engine.temp.repo, prompt: 'room again' })).sessions;
      ids.add(next!.id);
      await waitFor(async () => (await api.invoke('session.get', { id: next!.id })).status === 'waiting', {
        what: 'a question',
      });
      await hostProcess.stop();
      hostProcess = undefined;
      const db = new Database(path.join(engine.temp.dataDir, 'flotilla.db'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
  );
});
