import * as pty from 'node-pty';
import { FlotillaError } from '../../shared/errors.js';
import { leftoverProcesses, processStartTime, processTree, readProcStat } from './process-tree.js';

export interface SpawnOptions {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  cols: number;
  rows: number;
  /** The session the agent runs for (FLOTILLA_SESSION_ID in `env`): what it leaves running is found by it. */
  sessionId: string;
}

/** How long what an exited agent left running has, after SIGTERM, before SIGKILL. */
const LEFTOVER_GRACE_MS = 500;

export interface ExitInfo {
  exitCode: number | null;
  signal: number | null;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * One agent CLI in a pseudo-terminal. node-pty makes the child a session and process-group leader,
 * so pid == pgid and group signals reach everything it started in its group.
 */
export class AgentProcess {
  readonly exited: Promise<ExitInfo>;
  private readonly terminal: pty.IPty;
  private exitInfo: ExitInfo | undefined;

  private constructor(terminal: pty.IPty, sessionId: string) {
    this.terminal = terminal;
    this.exited = new Promise((resolve) => {
      terminal.onExit(({ exitCode, signal }) => {
        const info = { exitCode: signal ? null : exitCode, signal: signal || null };
        this.exitInfo = info;
        // Children of an agent that crashed or just exited lost their terminal: they end with it, before
        // anyone hears of the exit, so an ended session never has processes running.
        void endLeftovers(terminal.pid, sessionId).finally(() => resolve(info));
      });
    });
  }

  static spawn(options: SpawnOptions): AgentProcess {
    try {
      const terminal = pty.spawn(options.file, options.args, {
        name: 'xterm-256color',
        cwd: options.cwd,
        env: options.env as Record<string, string>,
        cols: options.cols,
        rows: options.rows,
      });
      return new AgentProcess(terminal, options.sessionId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new FlotillaError('SPAWN_FAILED', `could not start ${options.file}: ${reason}`);
    }
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

  write(data: string): void {
    if (!this.hasExited) this.terminal.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.hasExited) this.terminal.resize(cols, rows);
  }

  /** Stops the whole tree at once: no CPU, no output, until resume(). */
  async pause(): Promise<void> {
    signalGroup(this.pid, 'SIGSTOP');
    for (const p of await processTree(this.pid)) if (p.pgid !== this.pid) signalPid(p.pid, 'SIGSTOP');
  }

  async resume(): Promise<void> {
    for (const p of await processTree(this.pid)) if (p.pgid !== this.pid) signalPid(p.pid, 'SIGCONT');
    signalGroup(this.pid, 'SIGCONT');
  }

  /**
   * SIGTERM to the tree, SIGKILL to whatever is left after `graceMs`. Resolves once the agent has exited
   * and no process of its tree remains.
   */
  async terminate(graceMs: number): Promise<ExitInfo> {
    const tree = await processTree(this.pid);
    askToStop(tree);
    signalGroup(this.pid, 'SIGTERM');
    signalGroup(this.pid, 'SIGCONT');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    await Promise.race([this.exited, timeout]);
    await killSurvivors(
      this.pid,
      tree.map((p) => p.pid),
    );
    if (!this.hasExited) {
      signalPid(this.pid, 'SIGKILL');
    }
    return this.exited;
  }
}

/** SIGTERM, and SIGCONT so that a paused (SIGSTOPped) process can act on it. */
function askToStop(processes: readonly { pid: number }[]): void {
  for (const p of processes) {
    signalPid(p.pid, 'SIGTERM');
    signalPid(p.pid, 'SIGCONT');
  }
}

/** SIGKILLs every process still alive in the tree (including ones that were in it when we began). */
async function killSurvivors(rootPid: number, known: number[]): Promise<void> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const alive = new Set((await processTree(rootPid)).map((p) => p.pid));
    for (const pid of known) if (await isAlive(pid)) alive.add(pid);
    if (alive.size === 0 || Date.now() > deadline) return;
    signalGroup(rootPid, 'SIGKILL');
    for (const pid of alive) signalPid(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** SIGTERM to whatever an exited agent left running, SIGKILL to what is still there after a short grace. */
async function endLeftovers(pgid: number, sessionId: string): Promise<void> {
  const left = await leftoverProcesses(pgid, sessionId).catch(() => []);
  if (left.length === 0) return;
  askToStop(left);
  const deadline = Date.now() + LEFTOVER_GRACE_MS;
  while (Date.now() < deadline) {
    const alive = await Promise.all(left.map((p) => isAlive(p.pid)));
    if (!alive.includes(true)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await killSurvivors(
    pgid,
    left.map((p) => p.pid),
  );
}

async function isAlive(pid: number): Promise<boolean> {
  const stat = await readProcStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}
