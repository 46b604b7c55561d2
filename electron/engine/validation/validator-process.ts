import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { setPriority } from 'node:os';
import path from 'node:path';

/** Validators run below the agents the user is watching (nice 10). */
export const VALIDATOR_NICE = 10;
const TAIL_BYTES = 4096;

export interface ValidatorOutcome {
  outcome: 'passed' | 'failed' | 'cancelled';
  exitCode: number | null;
  durationMs: number;
  /** The last ~4 KB of stdout and stderr, interleaved as they came. */
  tail: string;
  timedOut: boolean;
  pid: number | undefined;
}

export interface ValidatorSpawn {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Where the whole output goes (replaced at each run). */
  logFile: string;
  signal: AbortSignal;
  /** Called with the child's pid once spawned (tests read its priority and group). */
  onSpawn?: (pid: number) => void;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/**
 * Runs one validator: its argv with no shell, in a process group of its own (so a timeout or a cancel kills
 * everything it started, `npm test`'s children too), at a lower priority. Never rejects: a command that
 * cannot start is a failure with its reason in the tail.
 */
export async function runValidatorProcess(spec: ValidatorSpawn): Promise<ValidatorOutcome> {
  await mkdir(path.dirname(spec.logFile), { recursive: true });
  const log = createWriteStream(spec.logFile);
  const started = Date.now();
  let tail = Buffer.alloc(0);
  const keep = (chunk: Buffer): void => {
    log.write(chunk);
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > TAIL_BYTES * 2) tail = tail.subarray(tail.length - TAIL_BYTES);
  };
  const result = await new Promise<Omit<ValidatorOutcome, 'durationMs' | 'tail'>>((resolve) => {
    if (spec.signal.aborted) return resolve({ outcome: 'cancelled', exitCode: null, timedOut: false, pid: undefined });
    const child = spawn(spec.argv[0]!, spec.argv.slice(1), {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    if (pid !== undefined) {
      try {
        setPriority(pid, VALIDATOR_NICE);
      } catch {
        // Not allowed here (a container without CAP_SYS_NICE may still lower; never fail the run for it).
      }
      spec.onSpawn?.(pid);
    }
    let timedOut = false;
    let cancelled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(pid);
    }, spec.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      killGroup(pid);
    };
    spec.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => keep(Buffer.from(`\n${spec.argv[0]}: ${error.message}\n`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      spec.signal.removeEventListener('abort', onAbort);
      // The validator's own children may outlive it holding nothing we wait on: end the group either way.
      killGroup(pid);
      if (cancelled) resolve({ outcome: 'cancelled', exitCode: code, timedOut, pid });
      else if (timedOut) {
        keep(
          Buffer.from(
            `\n[flotilla] timed out after ${Math.round(spec.timeoutMs / 1000)} s; its process group was killed\n`,
          ),
        );
        resolve({ outcome: 'failed', exitCode: code, timedOut, pid });
      } else resolve({ outcome: code === 0 ? 'passed' : 'failed', exitCode: code, timedOut, pid });
    });
  });
  await new Promise<void>((resolve) => log.end(resolve));
  const text = tail
    .subarray(Math.max(0, tail.length - TAIL_BYTES))
    .toString('utf8')
    .replace(/^\uFFFD+/, '');
  return { ...result, durationMs: Date.now() - started, tail: text };
}
