import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { gitSync, repoState, type RepoState } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';

// A session follows its base branch (diff against it, merge into it), so the base given at create is
// stored as a branch name: HEAD and refs/heads/x become the branch; a commit, a tag or a detached HEAD is refused.

const engine = useTestEngine();
let before: RepoState;

beforeEach(() => {
  before = repoState(engine.temp.repo, engine.temp.dataDir);
});

describe('the base of a new session', () => {
  it('HEAD is the branch checked out: after the agent commits, diff shows it and merge lands on main', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, baseBranch: 'HEAD', prompt: 'x' });
    expect(session!.baseBranch).toBe('main');
    writeFileSync(path.join(session!.worktreePath, 'notes.txt'), 'from the agent\n');
    gitSync(session!.worktreePath, ['add', 'notes.txt']);
    gitSync(session!.worktreePath, ['commit', '--quiet', '-m', 'agent work']);

    const diff = await engine.tm.manager.git.diff(session!.id);
    expect(diff.files.map((f) => f.path)).toEqual(['notes.txt']);
    const merged = await engine.tm.manager.git.merge(session!.id, 'Notes');
    expect(merged.baseBranch).toBe('main');
    expect(gitSync(engine.temp.repo, ['show', 'main:notes.txt'])).toBe('from the agent');
  });

  it('refs/heads/x is x, and refs/remotes/origin/x is origin/x', async () => {
    gitSync(engine.temp.repo, ['branch', 'feature']);
    gitSync(engine.temp.repo, ['update-ref', 'refs/remotes/origin/main', 'main']);
    const [local] = await engine.tm.manager.create({
      repoPath: engine.temp.repo,
      baseBranch: 'refs/heads/feature',
      prompt: 'x',
    });
    expect(local!.baseBranch).toBe('feature');
    const [remote] = await engine.tm.manager.create({
      repoPath: engine.temp.repo,
      baseBranch: 'refs/remotes/origin/main',
      prompt: 'x',
    });
    expect(remote!.baseBranch).toBe('origin/main');
  });

  it('refuses a commit, a tag and a detached HEAD with VALIDATION naming what was given, making nothing', async () => {
    const sha = gitSync(engine.temp.repo, ['rev-parse', 'main']);
    gitSync(engine.temp.repo, ['tag', 'v1']);
    before = repoState(engine.temp.repo, engine.temp.dataDir);
    const refusal = (given: string, what: string) => ({
      code: 'VALIDATION',
      message: expect.stringMatching(new RegExp(`^base "${given}" is ${what}.*name a local branch`)),
    });
    for (const given of [sha, sha.slice(0, 8), 'main~0']) {
      await expect(
        engine.tm.manager.create({ repoPath: engine.temp.repo, baseBranch: given, prompt: 'x' }),
      ).rejects.toMatchObject(refusal(given.replace(/[~^]/g, '\\$&'), 'a commit, not a branch'));
    }
    await expect(
      engine.tm.manager.create({ repoPath: engine.temp.repo, baseBranch: 'v1', prompt: 'x' }),
    ).rejects.toMatchObject(refusal('v1', 'a tag'));
    gitSync(engine.temp.repo, ['checkout', '--quiet', '--detach']);
    before = repoState(engine.temp.repo, engine.temp.dataDir);
    await expect(
      engine.tm.manager.create({ repoPath: engine.temp.repo, baseBranch: 'HEAD', prompt: 'x' }),
    ).rejects.toMatchObject(refusal('HEAD', 'a detached HEAD'));
    expect(repoState(engine.temp.repo, engine.temp.dataDir)).toEqual(before);
    expect(engine.tm.manager.list()).toEqual([]);
  });
});
