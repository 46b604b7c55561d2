import { access } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';
import { git, READ_ONLY_ENV } from './run-git.js';

/** The top level of the work tree that contains `dir`, or NOT_A_REPO. */
export async function resolveRepoRoot(dir: string): Promise<string> {
  try {
    await access(dir);
  } catch {
    throw new FlotillaError('NOT_A_REPO', `${dir} does not exist`);
  }
  const result = await git(['rev-parse', '--show-toplevel'], { cwd: dir, okExitCodes: [0, 128] });
  if (result.exitCode !== 0) throw new FlotillaError('NOT_A_REPO', `${dir} is not inside a git repository`);
  return result.stdout.trim();
}

/** The branch checked out in `repo`; a detached HEAD or an unborn branch has none to base a session on. */
export async function currentBranch(repo: string): Promise<string> {
  const result = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: repo, okExitCodes: [0, 1] });
  if (result.exitCode !== 0) {
    throw new FlotillaError('UNKNOWN_BASE', `${repo} has a detached HEAD; name a base branch`);
  }
  return result.stdout.trim();
}

export async function branchExists(repo: string, branch: string): Promise<boolean> {
  const result = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], {
    cwd: repo,
    okExitCodes: [0, 1],
  });
  return result.exitCode === 0;
}

async function refExists(repo: string, ref: string): Promise<boolean> {
  const result = await git(['show-ref', '--verify', '--quiet', ref], { cwd: repo, okExitCodes: [0, 1, 128] });
  return result.exitCode === 0;
}

/** What a base name is when it is not a branch, for the refusal. */
async function describeNonBranch(repo: string, base: string): Promise<string> {
  if (await refExists(repo, `refs/tags/${base.replace(/^refs\/tags\//, '')}`)) return 'a tag';
  const commit = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`], {
    cwd: repo,
    okExitCodes: [0, 1, 128],
  });
  return commit.exitCode === 0 ? 'a commit, not a branch' : 'not a branch';
}

/**
 * The branch a session is based on, by its short name. A session's diff and merge follow its base
 * branch as it moves, so only a branch will do: HEAD means the branch checked out in `repo`,
 * refs/heads/x means x, refs/remotes/origin/x means origin/x; a commit, a tag or a detached HEAD is
 * refused (VALIDATION) naming what was given and what is accepted.
 */
export async function resolveBaseBranch(repo: string, requested: string | undefined): Promise<string> {
  if (requested === undefined) return currentBranch(repo);
  const accepted =
    'name a local branch (main, refs/heads/main), a remote branch (origin/main) or HEAD for the branch checked out';
  if (requested === 'HEAD' || requested === '@') {
    const head = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: repo, okExitCodes: [0, 1] });
    if (head.exitCode !== 0) {
      throw new FlotillaError(
        'VALIDATION',
        `base "${requested}" is a detached HEAD in ${repo}, not a branch; ${accepted}`,
      );
    }
    return head.stdout.trim();
  }
  const local = requested.replace(/^refs\/heads\//, '');
  if (await refExists(repo, `refs/heads/${local}`)) return local;
  const remote = requested.replace(/^refs\/remotes\//, '');
  if (await refExists(repo, `refs/remotes/${remote}`)) return remote;
  const what = await describeNonBranch(repo, requested);
  if (what === 'not a branch') {
    throw new FlotillaError(
      'UNKNOWN_BASE',
      `base branch "${requested}" does not exist in ${repo} (or has no commits yet)`,
    );
  }
  throw new FlotillaError('VALIDATION', `base "${requested}" is ${what}; ${accepted}`);
}

/** The commit a base name points at (a local branch, a remote branch or a tag), or UNKNOWN_BASE. */
export async function resolveBase(repo: string, base: string): Promise<string> {
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`], {
    cwd: repo,
    okExitCodes: [0, 1],
  });
  if (result.exitCode !== 0) {
    throw new FlotillaError('UNKNOWN_BASE', `base branch "${base}" does not exist in ${repo} (or has no commits yet)`);
  }
  return result.stdout.trim();
}

export async function isValidBranchName(repo: string, branch: string): Promise<boolean> {
  const result = await git(['check-ref-format', '--branch', branch], { cwd: repo, okExitCodes: [0, 1, 128] });
  return result.exitCode === 0;
}

/** The repository's common git dir (shared by all its worktrees). */
export async function commonGitDir(repo: string): Promise<string> {
  const result = await git(['rev-parse', '--git-common-dir'], { cwd: repo });
  return path.resolve(repo, result.stdout.trim());
}

/** Another git process holds the repository's index or ref locks. */
export async function lockFile(repo: string): Promise<string | undefined> {
  const gitDir = await commonGitDir(repo);
  for (const name of ['index.lock', 'HEAD.lock', 'config.lock']) {
    const candidate = path.join(gitDir, name);
    try {
      await access(candidate);
      return candidate;
    } catch {
      // not locked by this file
    }
  }
  return undefined;
}

/** Whether the work tree at `dir` has uncommitted changes or untracked files (ignored files excluded). */
export async function isDirty(dir: string): Promise<boolean> {
  // A look, not a refresh: no index.lock that would refuse the user's own git (or our next create).
  const result = await git(['status', '--porcelain', '--untracked-files=normal'], { cwd: dir, env: READ_ONLY_ENV });
  return result.stdout.trim().length > 0;
}

/** Local branch names, most recently committed first. */
export async function listBranches(repo: string): Promise<string[]> {
  const result = await git(['for-each-ref', '--sort=-committerdate', '--format=%(refname:short)', 'refs/heads'], {
    cwd: repo,
  });
  return result.stdout.split('\n').filter(Boolean);
}
