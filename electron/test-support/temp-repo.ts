import { existsSync, mkdtempSync, readdirSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SessionContainment } from '../engine/processes/session-containment.js';
import { gitSync, initRepo } from '../git/fixtures/make-repo.js';
import { usePerTest } from './use-per-test.js';

export interface TempRepo {
  /** The temp folder holding everything below; removed by cleanup(). */
  dir: string;
  /** A git repository on branch `main` with one commit. */
  repo: string;
  /** A data dir for a SessionManager (not created yet). */
  dataDir: string;
  cleanup(): Promise<void>;
}

// Engine and git tests share one fixture git runner.
export { gitSync };

/** Creates a temp dir with a fresh repository (`main`, one commit). */
export function createTempRepo(name = 'repo'): TempRepo {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'flotilla-test-')));
  const repo = path.join(dir, name);
  initRepo(repo, '# temp repo\n');
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

/** A fresh temp repo for each test of the file (see usePerTest), removed after it. */
export function useTempRepo(name?: string): TempRepo {
  return usePerTest(() => createTempRepo(name));
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
