import { spawn } from 'node:child_process';
import { FlotillaError } from '../../shared/errors.js';
import { gitFailure, subcommand } from './git-failure.js';

export { gitFailure } from './git-failure.js';

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface GitOptions {
  cwd: string;
  /** Exit codes that are answers rather than failures (e.g. 1 for `merge-base --is-ancestor`). */
  okExitCodes?: number[];
  env?: NodeJS.ProcessEnv;
}

/**
 * For read-only git commands: no optional locks (`git status` would otherwise refresh the index under
 * index.lock), so the user's or an agent's own `git commit` is never refused because Flotilla looked.
 */
export const READ_ONLY_ENV = { GIT_OPTIONAL_LOCKS: '0' };

/** Git's own environment variables that would redirect a command away from the repo we name. */
const GIT_LOCATION_VARS = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR'];

/** The environment every git we start gets (also test fixtures' git): no prompts, C locale, no redirection. */
export function gitEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of GIT_LOCATION_VARS) delete env[name];
  return { ...env, ...extra };
}

/** Larger output than this is refused rather than held in memory. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/**
 * The one way Flotilla runs git: an argv array (never a shell string), asynchronous, with the exit
 * codes the caller expects. Anything else becomes a GIT_FAILED error carrying git's own message.
 *
 * Each git runs in a process group (and session) of its own: Ctrl-C in the terminal that started
 * `flotilla serve` signals the host's group, and a git killed half way through writing a checkout
 * (`read-tree -u`) leaves it half updated with a stale index.lock. The host stops cleanly and lets it finish.
 */
export function git(args: string[], options: GitOptions): Promise<GitResult> {
  const ok = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: gitEnv(options.env),
      // POSIX: setsid, out of the terminal's process group. Windows has no such signals, and a detached
      // child there would get a console window of its own.
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let tooLarge = false;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_OUTPUT_BYTES) {
        if (!tooLarge) child.kill('SIGKILL');
        tooLarge = true;
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.once('error', (error) => reject(gitFailure(args, error.message, options.cwd)));
    child.once('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (tooLarge) {
        reject(new FlotillaError('GIT_FAILED', `git ${subcommand(args)} printed more than 256 MB; stopped`));
        return;
      }
      // A git ended by a signal has no exit code: never one of the answers a caller expects.
      const exitCode = code ?? -1;
      if (signal === null && ok.includes(exitCode)) {
        resolve({ stdout, stderr, exitCode });
        return;
      }
      const why = signal ? `${stderr}\n(killed by ${signal})`.trim() : stderr || `exited with code ${exitCode}`;
      reject(gitFailure(args, why, options.cwd));
    });
  });
}
