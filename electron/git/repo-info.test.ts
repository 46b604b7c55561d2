import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFile, gitSync, makeRepo, useTestRepo } from './fixtures/make-repo.js';
import { errorOf } from '../test-support/error-of.js';
import {
  branchExists,
  commonGitDir,
  currentBranch,
  isDirty,
  isValidBranchName,
  lockFile,
  resolveBase,
  resolveRepoRoot,
} from './repo-info.js';

const repo = useTestRepo();

describe('resolveRepoRoot', () => {
  it('returns the top level for the top level itself and for a nested subfolder', async () => {
    const sub = path.join(repo.dir, 'src', 'deep');
    mkdirSync(sub, { recursive: true });
    expect(await resolveRepoRoot(repo.dir)).toBe(repo.dir);
    expect(await resolveRepoRoot(sub)).toBe(repo.dir);
  });

  it('is NOT_A_REPO for a folder outside any repository', async () => {
    const outside = path.join(repo.root, 'plain folder');
    mkdirSync(outside);
    const error = await errorOf(resolveRepoRoot(outside));
    expect(error.code).toBe('NOT_A_REPO');
    expect(error.message).toContain('is not inside a git repository');
  });

  it('is NOT_A_REPO for a folder that does not exist', async () => {
    const error = await errorOf(resolveRepoRoot(path.join(repo.root, 'missing')));
    expect(error.code).toBe('NOT_A_REPO');
    expect(error.message).toContain('does not exist');
  });

  it('returns a worktree’s own top level, not the main repository', async () => {
    const wt = path.join(repo.root, 'wt');
    gitSync(repo.dir, ['worktree', 'add', '--quiet', '-b', 'side', wt]);
    expect(await resolveRepoRoot(wt)).toBe(wt);
  });
});

describe('currentBranch', () => {
  it('names the checked-out branch', async () => {
    expect(await currentBranch(repo.dir)).toBe('main');
    gitSync(repo.dir, ['checkout', '--quiet', '-b', 'feature/x']);
    expect(await currentBranch(repo.dir)).toBe('feature/x');
  });

  it('is UNKNOWN_BASE on a detached HEAD', async () => {
    gitSync(repo.dir, ['checkout', '--quiet', '--detach']);
    const error = await errorOf(currentBranch(repo.dir));
    expect(error.code).toBe('UNKNOWN_BASE');
    expect(error.message).toContain('detached HEAD');
  });

  it('names an unborn branch, which resolveBase then refuses as UNKNOWN_BASE', async () => {
    const empty = await makeRepo({ commit: false });
    try {
      expect(await currentBranch(empty.dir)).toBe('main');
      expect((await errorOf(resolveBase(empty.dir, 'main'))).code).toBe('UNKNOWN_BASE');
    } finally {
      await empty.cleanup();
    }
  });
});

describe('resolveBase', () => {
  it('resolves a local branch, a tag and a commit to the commit sha', async () => {
    const second = commitFile(repo.dir, 'a.txt', 'a');
    gitSync(repo.dir, ['tag', 'v1', repo.initialCommit]);
    gitSync(repo.dir, ['tag', '-a', '-m', 'annotated', 'v2', second]);

    expect(await resolveBase(repo.dir, 'main')).toBe(second);
    expect(await resolveBase(repo.dir, 'v1')).toBe(repo.initialCommit);
    expect(await resolveBase(repo.dir, 'v2')).toBe(second); // an annotated tag peels to its commit
    expect(await resolveBase(repo.dir, repo.initialCommit.slice(0, 10))).toBe(repo.initialCommit);
  });

  it('resolves a remote-tracking branch', async () => {
    const clone = path.join(repo.root, 'clone');
    gitSync(repo.root, ['clone', '--quiet', repo.dir, clone]);
    gitSync(clone, ['checkout', '--quiet', '-b', 'local-only']);
    expect(await resolveBase(clone, 'origin/main')).toBe(repo.initialCommit);
  });

  it('is UNKNOWN_BASE for a name that does not exist, naming it', async () => {
    const error = await errorOf(resolveBase(repo.dir, 'no-such-branch'));
    expect(error.code).toBe('UNKNOWN_BASE');
    expect(error.message).toContain('"no-such-branch"');
  });

  it('treats an option-looking base as a name, not an option', async () => {
    expect((await errorOf(resolveBase(repo.dir, '--all'))).code).toBe('UNKNOWN_BASE');
  });
});

describe('branchExists', () => {
  it('is true only for local branches', async () => {
    gitSync(repo.dir, ['branch', 'feature/y']);
    gitSync(repo.dir, ['tag', 'only-a-tag']);
    expect(await branchExists(repo.dir, 'main')).toBe(true);
    expect(await branchExists(repo.dir, 'feature/y')).toBe(true);
    expect(await branchExists(repo.dir, 'feature')).toBe(false);
    expect(await branchExists(repo.dir, 'only-a-tag')).toBe(false);
    expect(await branchExists(repo.dir, 'nope')).toBe(false);
  });
});

describe('isValidBranchName', () => {
  it('accepts ordinary names and refuses what git refuses', async () => {
    expect(await isValidBranchName(repo.dir, 'flotilla/add-a-readme-1a2b')).toBe(true);
    for (const bad of ['has space', 'double..dot', 'ends.lock', 'trailing/', '-leading-dash', 'a~b', 'a:b']) {
      expect(await isValidBranchName(repo.dir, bad), bad).toBe(false);
    }
  });
});

describe('commonGitDir and lockFile', () => {
  it('commonGitDir is the main .git folder, also from a worktree', async () => {
    const wt = path.join(repo.root, 'wt');
    gitSync(repo.dir, ['worktree', 'add', '--quiet', '-b', 'side', wt]);
    expect(await commonGitDir(repo.dir)).toBe(path.join(repo.dir, '.git'));
    expect(await commonGitDir(wt)).toBe(path.join(repo.dir, '.git'));
  });

  it('reports no lock on an idle repository', async () => {
    expect(await lockFile(repo.dir)).toBeUndefined();
  });

  it('reports index.lock while another git process holds it, from the repo and its worktrees', async () => {
    const wt = path.join(repo.root, 'wt');
    gitSync(repo.dir, ['worktree', 'add', '--quiet', '-b', 'side', wt]);
    const lock = path.join(repo.dir, '.git', 'index.lock');
    writeFileSync(lock, '');

    expect(await lockFile(repo.dir)).toBe(lock);
    expect(await lockFile(wt)).toBe(lock);

    rmSync(lock);
    expect(await lockFile(repo.dir)).toBeUndefined();
  });

  it('reports HEAD.lock and config.lock too', async () => {
    for (const name of ['HEAD.lock', 'config.lock']) {
      const lock = path.join(repo.dir, '.git', name);
      writeFileSync(lock, '');
      expect(await lockFile(repo.dir)).toBe(lock);
      rmSync(lock);
    }
  });
});

describe('isDirty', () => {
  it('is false for a clean checkout', async () => {
    expect(await isDirty(repo.dir)).toBe(false);
  });

  it('counts a modified tracked file', async () => {
    writeFileSync(path.join(repo.dir, 'README.md'), 'changed\n');
    expect(await isDirty(repo.dir)).toBe(true);
  });

  it('counts a staged change', async () => {
    writeFileSync(path.join(repo.dir, 'new.txt'), 'x');
    gitSync(repo.dir, ['add', 'new.txt']);
    expect(await isDirty(repo.dir)).toBe(true);
  });

  it('counts an untracked file, even in an untracked folder', async () => {
    mkdirSync(path.join(repo.dir, 'fresh', 'dir'), { recursive: true });
    writeFileSync(path.join(repo.dir, 'fresh', 'dir', 'file.txt'), 'x');
    expect(await isDirty(repo.dir)).toBe(true);
  });

  it('does not count ignored files', async () => {
    commitFile(repo.dir, '.gitignore', 'build/\n*.log\n');
    mkdirSync(path.join(repo.dir, 'build'));
    writeFileSync(path.join(repo.dir, 'build', 'out.js'), 'x');
    writeFileSync(path.join(repo.dir, 'debug.log'), 'x');
    expect(await isDirty(repo.dir)).toBe(false);
  });

  it('never writes the index (no index.lock to refuse the user or a create), even when its stat data is stale', async () => {
    const index = path.join(repo.dir, '.git', 'index');
    // Same content, new mtime: a plain `git status` would refresh the index and rewrite it under index.lock.
    const later = Date.now() / 1000 + 5;
    utimesSync(path.join(repo.dir, 'README.md'), later, later);
    const before = readFileSync(index);
    expect(await isDirty(repo.dir)).toBe(false);
    expect(readFileSync(index).equals(before)).toBe(true);
  });

  it('looks at the worktree it is given, not its siblings', async () => {
    const wt = path.join(repo.root, 'wt');
    gitSync(repo.dir, ['worktree', 'add', '--quiet', '-b', 'side', wt]);
    writeFileSync(path.join(wt, 'only-in-wt.txt'), 'x');
    expect(await isDirty(wt)).toBe(true);
    expect(await isDirty(repo.dir)).toBe(false);
  });
});

describe('paths with spaces and unicode', () => {
  it('resolves, reads and checks a repository whose path has spaces and non-ASCII letters', async () => {
    const odd = await makeRepo({ name: 'my project ✓ é/ñandú repo' });
    try {
      const sub = path.join(odd.dir, 'sub folder ü');
      mkdirSync(sub);
      expect(await resolveRepoRoot(sub)).toBe(odd.dir);
      expect(await currentBranch(odd.dir)).toBe('main');
      expect(await resolveBase(odd.dir, 'main')).toBe(odd.initialCommit);
      expect(await isDirty(odd.dir)).toBe(false);
      writeFileSync(path.join(sub, 'naïve file.txt'), 'x');
      expect(await isDirty(odd.dir)).toBe(true);
      expect(await commonGitDir(odd.dir)).toBe(path.join(odd.dir, '.git'));
    } finally {
      await odd.cleanup();
    }
  });
});
