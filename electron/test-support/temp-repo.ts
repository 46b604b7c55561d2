import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SessionContainment } from '../engine/processes/session-containment.js';

export interface TempRepo {
  /** The temp folder holding everything below; removed by cleanup(). */
  dir: string;
  /** A git repository on branch `main` with one commit. */
  repo: string;
  /** A data dir for a SessionManager (not created yet). */
  dataDir: string;
  cleanup(): Promise<void>;
}

/** Git variables that would point a command at another repository than the one we name. */
const GIT_LOCATION_VARS = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR'];

/** An identity and settings passed on every call, so tests work on a machine with no git config. */
const GIT_TEST_CONFIG = [
  '-c',
  'user.name=Flotilla Test',
  '-c',
  'user.email=test@flotilla.invalid',
  '-c',
  'commit.gpgsign=false',
];

function gitTestEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of GIT_LOCATION_VARS) delete env[name];
  return env;
}

/** Runs git synchronously in `cwd` (argv array, never a shell) and returns its trimmed stdout. */
export function gitSync(cwd: string, args: string[]): string {
  return execFileSync('git', [...GIT_TEST_CONFIG, ...args], {
    cwd,
    env: gitTestEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Creates a temp dir with a fresh repository (`main`, one commit). */
export function createTempRepo(name = 'repo'): TempRepo {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'flotilla-test-')));
  const repo = path.join(dir, name);
  mkdirSync(repo);
  gitSync(repo, ['init', '--quiet']);
  // `init -b` needs git 2.28; pointing HEAD works everywhere.
  gitSync(repo, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  writeFileSync(path.join(repo, 'README.md'), '# temp repo\n');
  gitSync(repo, ['add', 'README.md']);
  gitSync(repo, ['commit', '--quiet', '-m', 'initial commit']);
  return {
    dir,
    repo,
    dataDir: path.join(dir, 'data'),
    cleanup: async () => {
      // A test that killed its host without starting it again leaves the sessions' cgroups behind.
      const containment = new SessionContainment(path.join(dir, 'data'));
      await containment.recover([]);
      await containment.close();
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

export interface RepoState {
  branches: string[];
  worktrees: string;
  /** Folders under `<dataDir>/worktrees/<repo>/`. */
  worktreeDirs: string[];
}

/** What a failed create must leave unchanged: branches, git's worktree list, and our worktree folders. */
export function repoState(repo: string, dataDir: string): RepoState {
  const root = path.join(dataDir, 'worktrees');
  const worktreeDirs = existsSync(root)
    ? readdirSync(root).flatMap((group) => readdirSync(path.join(root, group)).map((leaf) => path.join(group, leaf)))
    : [];
  return {
    branches: gitSync(repo, ['for-each-ref', '--format=%(refname)', 'refs/heads']).split('\n').filter(Boolean).sort(),
    worktrees: gitSync(repo, ['worktree', 'list', '--porcelain']),
    worktreeDirs: worktreeDirs.sort(),
  };
}
