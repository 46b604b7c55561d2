import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { descendants, type ProcInfo } from './process-probe.js';
import { testEnv } from './test-manager.js';

const HOST_PROCESS = fileURLToPath(new URL('./fixtures/host-process.mjs', import.meta.url));

export interface HostProcessOptions {
  stallMs?: number;
  maxBufferedBytes?: number;
  /** A folder to serve as the renderer build (the placeholder page otherwise). */
  staticDir?: string;
  /** Engine settings applied at start (the test defaults are a 300 ms idle quiet and a 1 s kill grace). */
  settings?: Record<string, unknown>;
}

/** An engine + WebSocket host running in a child process (the build in dist/). */
export interface HostProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  token: string;
  /** Whether the host process has ended (exited or killed by a signal). */
  exited(): boolean;
  /** What the host printed on stderr so far (for failure messages). */
  stderr(): string;
  /** The host process's resident memory now and its peak so far (VmRSS and VmHWM), in bytes. */
  memory(): { rss: number; peak: number };
  /** Processes the host started (agents, git, hooks) that are still running. */
  descendants(): ProcInfo[];
  /** SIGTERM: the host closes like `flotilla serve` on Ctrl-C. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would; resolves once the process is gone. */
  kill(): Promise<void>;
}

function statusKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

export async function startHostProcess(dataDir: string, options: HostProcessOptions = {}): Promise<HostProcess> {
  const child = spawn(process.execPath, [HOST_PROCESS, dataDir, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: testEnv(),
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const ready = await new Promise<{ port: number; token: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host process reported nothing in 20 s; stderr: ${err}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { port: number; token: string; pid: number });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`host process exited early (${code ?? signal}); stderr: ${err}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (!gone()) child.kill(signal);
    // A host that does not close in time is killed, so a test never hangs on it.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    child,
    pid: ready.pid,
    port: ready.port,
    token: ready.token,
    exited: gone,
    stderr: () => err,
    memory: () => ({ rss: statusKb(ready.pid, 'VmRSS'), peak: statusKb(ready.pid, 'VmHWM') }),
    descendants: () => descendants(ready.pid),
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
