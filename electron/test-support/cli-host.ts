import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { FLOTILLA_BIN } from './serve-process.js';
import { waitFor } from './wait-for.js';

// The real `flotilla` CLI (the build in dist/) and a `flotilla serve --port 0` host for it, as the
// CLI tests drive them: the environment (FLOTILLA_HOME and the rest) is the caller's.

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `flotilla ARGS`; never rejects: a failure is its exit code (1 if it had none) and stderr. */
export function runFlotilla(args: string[], env: NodeJS.ProcessEnv, timeout = 30_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [FLOTILLA_BIN, ...args], { env, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Runs `flotilla ARGS` and returns its stdout; throws with its stderr if it did not exit 0. */
export async function flotillaOk(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const run = await runFlotilla(args, env);
  if (run.code !== 0) throw new Error(`flotilla ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

/** Starts `flotilla serve --port 0`; resolves once it printed its URL, throws with its output if it exited first. */
export async function startCliHost(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [FLOTILLA_BIN, 'serve', '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(() => /token=/.test(out) || child.exitCode !== null, { what: 'host to print its URL' });
  if (child.exitCode !== null) throw new Error(`host exited: ${out}`);
  return child;
}

/** Resolves once the process has ended (at once if it already has). */
export function processExited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM a host still running, as Ctrl-C would, and wait for it to end. */
export async function stopCliHost(host: ChildProcess | undefined): Promise<void> {
  if (!host || host.exitCode !== null || host.signalCode !== null) return;
  host.kill('SIGTERM');
  await processExited(host);
}

/** Polls `flotilla screen ID` until it matches; on a timeout the error carries the last screen seen. */
export async function screenMatching(
  env: NodeJS.ProcessEnv,
  id: string,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<string> {
  let last = '';
  return waitFor(
    async () => {
      last = await flotillaOk(['screen', id], env);
      return pattern.test(last) ? last : undefined;
    },
    { timeoutMs, intervalMs: 300, what: `screen of ${id} to match ${pattern}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${last}`);
  });
}
