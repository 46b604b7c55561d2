import { FlotillaError } from '../../shared/errors.js';
import { isLfsMissing, LFS_MISSING_HINT } from './lfs-missing.js';

/** git's own message is kept whole (its instructions come last), up to this many characters. */
export const MAX_GIT_MESSAGE = 4096;

/** git's words when it does not know who the author or committer is (no user.name / user.email anywhere). */
const IDENTITY_UNKNOWN =
  /Author identity unknown|Committer identity unknown|Please tell me who you are|unable to auto-detect email address/;

export function identityHint(cwd?: string): string {
  const where = cwd ? ` in ${cwd}` : '';
  return (
    `git does not know who you are: set it for this repository with git config user.email "you@example.com" ` +
    `and git config user.name "Your Name"${where}, or for every repository with git config --global user.email / user.name`
  );
}

/** The command being run, skipping leading `-c name=value` options. */
export function subcommand(args: string[]): string {
  let i = 0;
  while (args[i] === '-c') i += 2;
  return args[i] ?? '';
}

function bounded(text: string): string {
  if (text.length <= MAX_GIT_MESSAGE) return text;
  return `${text.slice(0, MAX_GIT_MESSAGE)}\n… (${text.length - MAX_GIT_MESSAGE} more characters not shown)`;
}

/**
 * The GIT_FAILED error for a failed command: git's whole message with its line breaks (bounded), after
 * what to do when the cause is a known one (git-lfs missing, no identity), so that hint is read first.
 */
export function gitFailure(args: string[], stderr: string, cwd?: string): FlotillaError {
  const detail = bounded(stderr.trim());
  const hint = isLfsMissing(stderr) ? LFS_MISSING_HINT : IDENTITY_UNKNOWN.test(stderr) ? identityHint(cwd) : null;
  const reason = hint ? `${hint}\n\n${detail}` : detail;
  return new FlotillaError('GIT_FAILED', `git ${subcommand(args)} failed: ${reason}`);
}
