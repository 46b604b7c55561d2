import { execFile } from 'node:child_process';
import { FlotillaError } from '../../shared/errors.js';
import { isLfsMissing, LFS_MISSING_HINT } from './lfs-missing.js';

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

function gitEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of GIT_LOCATION_VARS) delete env[name];
  return { ...env, ...extra };
}

/** The git command being run, skipping leading `-c name=value` options. */
function subcommand(args: string[]): string {
  let i = 0;
  while (args[i] === '-c') i += 2;
  return args[i] ?? '';
}

/** The GIT_FAILED error for a failed command, with git's own first lines (and what to do when git-lfs is missing). */
export function gitFailure(args: string[], stderr: string): FlotillaError {
  const detail = stderr.trim().split('\n').slice(0, 5).join(' ');
  const reason = isLfsMissing(stderr) ? `${LFS_MISSING_HINT} (${detail})` : detail;
  return new FlotillaError('GIT_FAILED', `git ${subcommand(args)} failed: ${reason}`);
}

/**
 * The one way Flotilla runs git: an argv array (never a shell string), asynchronous, with the exit
 * codes the caller expects. Anything else becomes a GIT_FAILED error carrying git's own message.
 */
export function git(args: string[], options: GitOptions): Promise<GitResult> {
  const ok = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: options.cwd, env: gitEnv(options.env), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (ok.includes(exitCode)) {
          resolve({ stdout, stderr, exitCode });
          return;
        }
        reject(gitFailure(args, stderr || error?.message || ''));
      },
    );
  });
}
