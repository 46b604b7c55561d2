import { spawn } from 'node:child_process';
import { commandWordsProblem, splitCommandWords } from '../../../shared/command-words.js';
import { FlotillaError } from '../../../shared/errors.js';

const OUTPUT_CAP = 64 * 1024;

/**
 * A setup command's argv, split like a shell splits words (shared/command-words.ts) without a shell; an
 * unterminated quote or an unquoted shell operator is refused with a hint.
 */
export function parseCommand(command: string): string[] {
  const split = splitCommandWords(command);
  const problem = commandWordsProblem(split);
  if (problem) throw new FlotillaError('VALIDATION', `setup command ${problem}`);
  return split.words;
}

export interface SetupOutcome {
  argv: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Combined stdout and stderr (the last 64 KiB). */
  output: string;
  timedOut: boolean;
}

/** Runs argv in `cwd` (its own process group, so a timeout stops everything it started). */
export function runCommand(
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<SetupOutcome> {
  const [file, ...args] = argv;
  if (!file) return Promise.resolve({ argv, exitCode: 0, signal: null, output: '', timedOut: false });
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const append = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_CAP);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 2000).unref();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ argv, exitCode: null, signal: null, output: `${output}${error.message}\n`, timedOut });
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ argv, exitCode, signal, output, timedOut });
    });
  });
}
