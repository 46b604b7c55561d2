import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRepo, gitSync, repoState, type RepoState, type TempRepo } from '../test-support/temp-repo.js';
import { openTestManager, type TestManager } from '../test-support/test-manager.js';

// A session follows its base branch (diff against it, merge into it), so the base given at create is
// stored as a branch name: HEAD and refs/heads/x become the branch; a commit, a tag or a detached HEAD is refused.

let temp: TempRepo;
let tm: TestManager;
let before: RepoState;

beforeEach(async () => {
  temp = createTempRepo();
  tm = await openTestManager(temp.dataDir);
  before = repoState(temp.repo, temp.dataDir);
});

afterEach(async () => {
  try {
    expect(await tm.close(), 'agent processes outlived the manager').toEqual([]);
  } finally {
    await temp.cleanup();
  }
});

describe('the base of a new session', () => {
  it('HEAD is the branch checked out: after the agent commits, diff shows it and merge lands on main', async () => {
    const [session] = await tm.manager.create({ repoPath: temp.repo, baseBranch: 'HEAD', prompt: 'x' });
    expect(session!.baseBranch).toBe('main');
    writeFileSync(path.join(session!.worktreePath, 'notes.txt'), 'from the agent\n');
    gitSync(session!.worktreePath, ['add', 'notes.txt']);
    gitSync(session!.worktreePath, ['commit', '--quiet', '-m', 'agent work']);

    const diff = await tm.manager.git.diff(session!.id);
    expect(diff.files.map((f) => f.path)).toEqual(['notes.txt']);
    const merged = await tm.manager.git.merge(session!.id, 'Notes');
    expect(merged.baseBranch).toBe('main');
    expect(gitSync(temp.repo, ['show', 'main:notes.txt'])).toBe('from the agent');
  });

  it('refs/heads/x is x, and refs/remotes/origin/x is origin/x', async () => {
    gitSync(temp.repo, ['branch', 'feature']);
    gitSync(temp.repo, ['update-ref', 'refs/remotes/origin/main', 'main']);
    const [local] = await tm.manager.create({ repoPath: temp.repo, baseBranch: 'refs/heads/feature', prompt: 'x' });
    expect(local!.baseBranch).toBe('feature');
    const [remote] = await tm.manager.create({
      repoPath: temp.repo,
      baseBranch: 'refs/remotes/origin/main',
      prompt: 'x',
    });
    expect(remote!.baseBranch).toBe('origin/main');
  });

  it('refuses a commit, a tag and a detached HEAD with VALIDATION naming what was given, making nothing', async () => {
    const sha = gitSync(temp.repo, ['rev-parse', 'main']);
    gitSync(temp.repo, ['tag', 'v1']);
    before = repoState(temp.repo, temp.dataDir);
    const refusal = (given: string, what: string) => ({
      code: 'VALIDATION',
      message: expect.stringMatching(new RegExp(`^base "${given}" is ${what}.*name a local branch`)),
    });
    for (const given of [sha, sha.slice(0, 8), 'main~0']) {
      await expect(tm.manager.create({ repoPath: temp.repo, baseBranch: given, prompt: 'x' })).rejects.toMatchObject(
        refusal(given.replace(/[~^]/g, '\\$&'), 'a commit, not a branch'),
      );
    }
    await expect(tm.manager.create({ repoPath: temp.repo, baseBranch: 'v1', prompt: 'x' })).rejects.toMatchObject(
      refusal('v1', 'a tag'),
    );
    gitSync(temp.repo, ['checkout', '--quiet', '--detach']);
    before = repoState(temp.repo, temp.dataDir);
    await expect(tm.manager.create({ repoPath: temp.repo, baseBranch: 'HEAD', prompt: 'x' })).rejects.toMatchObject(
      refusal('HEAD', 'a detached HEAD'),
    );
    expect(repoState(temp.repo, temp.dataDir)).toEqual(before);
    expect(tm.manager.list()).toEqual([]);
  });
});
