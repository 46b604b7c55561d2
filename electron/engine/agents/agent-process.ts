import * as pty from 'node-pty';
import { FlotillaError } from '../../../shared/errors.js';
import { findSessionProcesses, processStartTime, readProcStat, type ProcStat } from '../processes/process-tree.js';
import type { SessionCgroup } from '../processes/session-cgroup.js';
import { askToStop, killSurvivors, signalGroup, signalPid, stopProcesses } from '../processes/stop-processes.js';

export interface SpawnOptions {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  cols: number;
  rows: number;
  /** The session the agent runs for (FLOTILLA_SESSION_ID in `env`): what it leaves running is found by it. */
  sessionId: string;
  /** The session's cgroup, when the host may make one: the agent is moved in right after the fork. */
  cgroup?: SessionCgroup | undefined;
}

/** How long pause waits for signalled processes to show as stopped (a busy machine may take a few ms). */
const STOP_SETTLE_MS = 500;

/** Resolves once every pid is stopped (T) or gone, or after STOP_SETTLE_MS (one in uninterruptible sleep). */
async function untilStopped(pids: number[]): Promise<void> {
  const deadline = Date.now() + STOP_SETTLE_MS;
  let pending = pids;
  while (pending.length > 0 && Date.now() < deadline) {
    const states = await Promise.all(pending.map(async (pid) => ({ pid, stat: await readProcStat(pid) })));
    pending = states.filter(({ stat }) => stat && stat.state !== 'T' && stat.state !== 't').map(({ pid }) => pid);
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** How long what an exited agent left running has, after SIGTERM, before SIGKILL. */
const LEFTOVER_GRACE_MS = 500;

export interface ExitInfo {
  exitCode: number | null;
  signal: number | null;
}

/**
 * One agent CLI in a pseudo-terminal. node-pty makes the child a session and process-group leader,
 * so pid == pgid and group signals reach everything it started in its group. What it starts elsewhere
 * (setsid, nohup, double-forked daemons) is reached through its cgroup where there is one, and otherwise
 * through the FLOTILLA_SESSION_ID marker in the environment plus process-tree scans.
 */
export class AgentProcess {
  readonly exited: Promise<ExitInfo>;
  private readonly terminal: pty.IPty;
  private exitInfo: ExitInfo | undefined;

  private constructor(
    terminal: pty.IPty,
    private readonly sessionId: string,
    /** Undefined when there is none, or the kernel refused to move the agent in. */
    readonly cgroup: SessionCgroup | undefined,
  ) {
    this.terminal = terminal;
    this.exited = new Promise((resolve) => {
      terminal.onExit(({ exitCode, signal }) => {
        const info = { exitCode: signal ? null : exitCode, signal: signal || null };
        this.exitInfo = info;
        // Children of an agent that crashed or just exited lost their terminal: they end with it, before
        // anyone hears of the exit, so an ended session never has processes running.
        void this.endLeftovers().finally(() => resolve(info));
      });
    });
  }

  static spawn(options: SpawnOptions): AgentProcess {
    let terminal: pty.IPty;
    try {
      terminal = pty.spawn(options.file, options.args, {
        name: 'xterm-256color',
        cwd: options.cwd,
        env: options.env as Record<string, string>,
        cols: options.cols,
        rows: options.rows,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new FlotillaError('SPAWN_FAILED', `could not start ${options.file}: ${reason}`);
    }
    const cgroup = options.cgroup?.adopt(terminal.pid) ? options.cgroup : undefined;
    return new AgentProcess(terminal, options.sessionId, cgroup);
  }

  get pid(): number {
    return this.terminal.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  startTime(): Promise<string | undefined> {
    return processStartTime(this.pid);
  }

  onData(listener: (data: string) => void): void {
    this.terminal.onData(listener);
  }

  /** Stops reading the pty (the agent blocks on write once the kernel buffer fills): flow control, not SIGSTOP. */
  holdOutput(): void {
    if (!this.hasExited) this.terminal.pause();
  }

  releaseOutput(): void {
    if (!this.hasExited) this.terminal.resume();
  }

  /** Called with everything written to the agent (the user's typing, sent lines, answers). */
  onInput: ((data: string) => void) | undefined;

  write(data: string): void {
    if (this.hasExited) return;
    this.terminal.write(data);
    this.onInput?.(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.hasExited) this.terminal.resize(cols, rows);
  }

  /**
   * Every live process of the session: group, cgroup, marker, and their descendants. With a cgroup the
   * marker (a read of every process's environment) is left to the exit and the sweeps: pausing 50 sessions
   * would otherwise read every environment on the machine 50 times.
   */
  private async members(withMarker = !this.cgroup): Promise<ProcStat[]> {
    const pids = (await this.cgroup?.members()) ?? [];
    return findSessionProcesses({ pgid: this.pid, sessionIds: withMarker ? [this.sessionId] : [], pids });
  }

  /**
   * Stops every process of the session: no CPU, no output, until resume(). With a cgroup: freeze it (no
   * process runs or forks any more), SIGSTOP every member, thaw; each then stops on its pending SIGSTOP
   * before running any code of its own, so none slips away between listing and signalling, and /proc shows
   * them all stopped (T) like any job-control stop; if one cannot be signalled the cgroup stays frozen.
   * Without one: SIGSTOP to the group and every process found by the marker and the tree.
   */
  async pause(): Promise<void> {
    await this.cgroup?.freeze(true);
    signalGroup(this.pid, 'SIGSTOP');
    // Each one too (a group signal succeeds when any member took it): a refusal is seen per process.
    let refused = false;
    const members = await this.members();
    for (const p of members) if (!signalPid(p.pid, 'SIGSTOP')) refused = true;
    // A process we may not signal (another user's, via sudo) stays held by the freeze until resume.
    if (refused) return;
    await this.cgroup?.freeze(false);
    // A thawed process acts on its pending SIGSTOP once next scheduled: pause ends when all have.
    await untilStopped(members.map((p) => p.pid));
  }

  async resume(): Promise<void> {
    await this.cgroup?.freeze(false);
    for (const p of await this.members()) if (p.pgid !== this.pid) signalPid(p.pid, 'SIGCONT');
    signalGroup(this.pid, 'SIGCONT');
  }

  /**
   * SIGTERM to every process of the session, SIGKILL (cgroup.kill, then each one found) to whatever is left
   * after `graceMs`. Resolves once the agent has exited and none of them remains.
   */
  async terminate(graceMs: number): Promise<ExitInfo> {
    const before = await this.members();
    askToStop(before);
    signalGroup(this.pid, 'SIGTERM');
    signalGroup(this.pid, 'SIGCONT');
    // After the signals: a frozen (paused) process acts on SIGTERM once thawed, its pending SIGSTOP gone.
    await this.cgroup?.freeze(false);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    await Promise.race([this.exited, timeout]);
    await killSurvivors(
      () => this.members(),
      before.map((p) => p.pid),
      this.cgroup && (() => this.cgroup!.kill()),
    );
    if (!this.hasExited) {
      signalPid(this.pid, 'SIGKILL');
    }
    return this.exited;
  }

  /** SIGTERM to whatever the exited agent left running, SIGKILL after a short grace; its cgroup removed. */
  private async endLeftovers(): Promise<void> {
    const cgroup = this.cgroup;
    await stopProcesses(() => this.members(true), LEFTOVER_GRACE_MS, cgroup && (() => cgroup.kill())).catch(
      () => undefined,
    );
    await cgroup?.remove();
  }
}
