import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cgroupDirOf,
  isAlive,
  isStoppedOrFrozen,
  killProcesses,
  processesWithArg,
  type ProcInfo,
} from '../../test-support/process-probe.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { testEnv } from '../../test-support/test-manager.js';
import { waitFor } from '../../test-support/wait-for.js';
import { cgroupBase } from './session-cgroup.js';
import { CGROUPS_SWITCH } from './session-containment.js';

// Every process a session starts is found and stopped, including the ones that left its process tree:
// a nohup'd background job (still carrying FLOTILLA_SESSION_ID) and a double-forked daemon that dropped it.
// Once with the session's cgroup v2, once with the marker fallback. Real shells in real ptys.

const CONTAINMENT_HOST = fileURLToPath(new URL('./fixtures/containment-host.mjs', import.meta.url));
let counter = 0;

/** Arguments unique to this test's background job and daemon, so they are found by command line alone. */
function tags() {
  counter++;
  const tag = `${process.pid}${String(counter).padStart(3, '0')}`;
  return { job: `7777.${tag}`, daemon: `7778.${tag}` };
}

/** The shell command: a nohup'd job, then a daemon in a session of its own, reparented, without the marker. */
function litterCommand(t: { job: string; daemon: string }): string {
  return (
    `bash -c 'nohup sleep ${t.job} >/dev/null 2>&1 &'; ` +
    `env -u FLOTILLA_SESSION_ID setsid bash -c '(sleep ${t.daemon} </dev/null >/dev/null 2>&1 &)'; ` +
    // Printed only once run (the typed command echoes "$((1+1))", not "2").
    'echo started-$((1+1))'
  );
}

const probeDir = mkdtempSync(path.join(tmpdir(), 'flotilla-cgroup-probe-'));
const cgroupSupport = await cgroupBase(probeDir);
if (cgroupSupport.base) await rmdir(cgroupSupport.base);
await rm(probeDir, { recursive: true, force: true });

const MODES = [
  { mode: 'cgroup', off: false, skip: cgroupSupport.base === undefined },
  { mode: 'marker fallback', off: true, skip: false },
] as const;

for (const { mode, off, skip } of MODES) {
  describe.skipIf(skip)(`processes a session started (${mode})`, () => {
    if (skip) console.log(`cgroup containment tests skipped: ${cgroupSupport.reason}`);
    const daemonFound = !off;
    let child: ChildProcess | undefined;
    const started: string[] = [];

    // Before the engine opens: it reads the switch.
    beforeEach(() => {
      if (off) process.env[CGROUPS_SWITCH] = 'off';
    });

    const engine = useTestEngine({
      afterClose: () => {
        // Only our own test processes, found by their unique arguments.
        killProcesses(started.splice(0).flatMap((arg) => processesWithArg(arg)));
        delete process.env[CGROUPS_SWITCH];
      },
    });

    afterEach(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      child = undefined;
    });

    /** A shell session that has started the job and the daemon; both found and checked to be outside its tree. */
    async function litteringSession() {
      const t = tags();
      started.push(t.job, t.daemon);
      const [session] = await engine.tm.manager.create({
        repoPath: engine.temp.repo,
        provider: 'shell',
        prompt: litterCommand(t),
      });
      const { id, pid } = session!;
      await waitFor(async () => (await engine.tm.manager.screen(id)).text.includes('started-2'), {
        what: 'the command to run',
      });
      const job = await waitFor(() => processesWithArg(t.job)[0], { what: 'the background job' });
      const daemon = await waitFor(() => processesWithArg(t.daemon)[0], { what: 'the daemon' });
      expect(job.ppid).not.toBe(pid);
      expect(daemon.pgid).not.toBe(pid);
      if (!off) expect(cgroupDirOf(daemon.pid)).toMatch(new RegExp(`/flotilla-[0-9a-f]+/${id}$`));
      return { id, job, daemon };
    }

    function expectGone(processes: ProcInfo[]): Promise<unknown> {
      return waitFor(() => processes.every((p) => !isAlive(p.pid, p.startTime)), {
        timeoutMs: 5000,
        what: `${processes.map((p) => p.pid).join(', ')} to be gone`,
      });
    }

    it('pause stops them, resume continues them, kill ends them', async () => {
      const { id, job, daemon } = await litteringSession();
      const reached = daemonFound ? [job, daemon] : [job];
      await engine.tm.manager.pause([id]);
      await waitFor(() => reached.every((p) => isStoppedOrFrozen(p.pid)), { what: 'the job (and daemon) stopped' });
      await engine.tm.manager.resume([id]);
      await waitFor(() => reached.every((p) => !isStoppedOrFrozen(p.pid)), { what: 'them running again' });
      await engine.tm.manager.kill([id]);
      expect(engine.tm.manager.get(id).status).toBe('cancelled');
      await expectGone(reached);
      // Without a cgroup, a daemon that left the tree and dropped the marker cannot be found (documented).
      if (!daemonFound) expect(isAlive(daemon.pid, daemon.startTime)).toBe(true);
    });

    it('rm --force of a live session ends them', async () => {
      const { id, job, daemon } = await litteringSession();
      await engine.tm.manager.remove(id, true);
      await expectGone(daemonFound ? [job, daemon] : [job]);
    });

    it('after a host SIGKILL, the next start stops them', { timeout: 60_000 }, async () => {
      const t = tags();
      started.push(t.job, t.daemon);
      await engine.close();
      const host = spawn(
        process.execPath,
        [CONTAINMENT_HOST, engine.temp.dataDir, engine.temp.repo, litterCommand(t), 'started-2'],
        {
          env: testEnv(),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = host;
      const report = await new Promise<{ id: string }>((resolve, reject) => {
        let out = '';
        let err = '';
        host.stderr?.on('data', (d: Buffer) => (err += d.toString()));
        host.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as { id: string });
        });
        host.once('exit', (code) => reject(new Error(`containment host exited (${code}): ${err}`)));
      });
      const job = await waitFor(() => processesWithArg(t.job)[0], { what: 'the background job' });
      const daemon = await waitFor(() => processesWithArg(t.daemon)[0], { what: 'the daemon' });
      const exited = new Promise((resolve) => host.once('exit', resolve));
      host.kill('SIGKILL');
      await exited;
      // The crash took the agent's terminal, not what it had sent away.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(isAlive(job.pid, job.startTime)).toBe(true);
      expect(isAlive(daemon.pid, daemon.startTime)).toBe(true);

      await engine.open();
      await expectGone(daemonFound ? [job, daemon] : [job]);
      expect(engine.tm.manager.get(report.id).status).toBe('paused');
      if (!daemonFound) expect(isAlive(daemon.pid, daemon.startTime)).toBe(true);
    });
  });
}

describe('the session cgroup folder', () => {
  const engine = useTestEngine();

  it.skipIf(cgroupSupport.base === undefined)(
    'is removed when the agent exits, and the host folder on close',
    async () => {
      const [session] = await engine.tm.manager.create({
        repoPath: engine.temp.repo,
        provider: 'shell',
        prompt: 'exit 0',
      });
      const history = () => engine.tm.manager.history(session!.id).find((e) => e.kind === 'containment')?.detail ?? '';
      expect(history()).toMatch(/^processes tracked in cgroup /);
      const dir = history().replace('processes tracked in cgroup ', '');
      await waitFor(() => engine.tm.manager.get(session!.id).status === 'completed', { what: 'the shell to exit' });
      await waitFor(async () => !existsSync(dir), { what: `${dir} removed` });
      await engine.close();
      expect(existsSync(path.dirname(dir))).toBe(false);
    },
  );
});
