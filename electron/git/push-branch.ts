import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { PushResult, PushTarget } from '../../shared/git.js';
import { FlotillaError } from '../../shared/errors.js';
import { git } from './run-git.js';
import { resolveSessionBase } from './session-base.js';
import { changedPaths, describePaths } from './worktree-status.js';

export interface PushRequest {
  worktree: string;
  branch: string;
  baseBranch: string;
  /** Open a pull request with the GitHub CLI after pushing. */
  pr: boolean;
  title?: string;
  body?: string;
  /** Where to look for `gh` (PATH); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
}

const GH_TIMEOUT_MS = 60_000;

async function findOnPath(name: string, envPath: string): Promise<string | undefined> {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return undefined;
}

/** The remote to push to: the base branch's upstream remote, else `origin`, else the only one. */
async function chooseRemote(worktree: string, baseBranch: string): Promise<string | undefined> {
  const listed = await git(['remote'], { cwd: worktree });
  const remotes = listed.stdout.split('\n').filter(Boolean);
  const upstream = await git(['config', '--get', `branch.${baseBranch}.remote`], {
    cwd: worktree,
    okExitCodes: [0, 1],
  });
  const preferred = upstream.stdout.trim();
  if (remotes.includes(preferred)) return preferred;
  if (remotes.includes('origin')) return 'origin';
  return remotes[0];
}

function runGh(gh: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const ghEnv = { ...env, GH_PROMPT_DISABLED: '1', NO_COLOR: '1' };
    execFile(gh, args, { cwd, env: ghEnv, timeout: GH_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error)
        reject(
          new FlotillaError(
            'PUSH_UNAVAILABLE',
            `the branch was pushed, but gh pr create failed: ${(stderr || error.message).trim()}`,
          ),
        );
      else resolve(stdout);
    });
  });
}

/** Where a push of the session branch would go, and whether gh is there to open a pull request. */
export async function pushTarget(worktree: string, baseBranch: string, env = process.env): Promise<PushTarget> {
  const [remote, gh] = await Promise.all([chooseRemote(worktree, baseBranch), findOnPath('gh', env.PATH ?? '')]);
  return { remote: remote ?? null, gh: gh !== undefined };
}

/**
 * Pushes the session branch (never forced) and, with `pr`, opens a pull request with `gh`. Checks first
 * that a remote (and gh, for a PR) exist, so nothing is pushed when the PR could not be opened anyway.
 */
export async function pushBranch(request: PushRequest): Promise<PushResult> {
  const { worktree, branch, baseBranch } = request;
  const env = request.env ?? process.env;
  const remote = await chooseRemote(worktree, baseBranch);
  const gh = request.pr ? await findOnPath('gh', env.PATH ?? '') : undefined;
  const missing = [
    ...(remote ? [] : ['a git remote (add one with `git remote add origin URL`)']),
    ...(request.pr && !gh ? ['the GitHub CLI `gh` (https://cli.github.com) to open a pull request'] : []),
  ];
  if (missing.length > 0 || !remote)
    throw new FlotillaError('PUSH_UNAVAILABLE', `cannot push: missing ${missing.join(' and ')}`);
  const uncommitted = await changedPaths(worktree);
  if (uncommitted.length > 0) {
    throw new FlotillaError(
      'DIRTY_WORKTREE',
      `uncommitted changes (${describePaths(uncommitted)}) would not be pushed; commit or discard them first`,
    );
  }
  const base = await resolveSessionBase(worktree, baseBranch);
  if (base.ahead === 0) throw new FlotillaError('NOTHING_TO_MERGE', `${branch} has no commits beyond ${baseBranch}`);
  await git(
    ['push', '--quiet', '--set-upstream', '--end-of-options', remote, `refs/heads/${branch}:refs/heads/${branch}`],
    { cwd: worktree },
  );
  if (!gh) return { remote, branch, prUrl: null };
  const subject = await git(['log', '-1', '--format=%s', 'HEAD'], { cwd: worktree });
  const title = request.title ?? subject.stdout.trim();
  const body = request.body ?? `Made by a Flotilla session on branch ${branch}.`;
  const out = await runGh(
    gh,
    ['pr', 'create', '--head', branch, '--base', baseBranch, '--title', title, '--body', body],
    worktree,
    env,
  );
  const url = out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^https?:\/\//.test(line))
    .at(-1);
  return { remote, branch, prUrl: url ?? (out.trim() || null) };
}
