import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { GitOpJournal } from '../engine/review/git-op-journal.js';
import { waitForCheckoutUpdate } from '../test-support/git-children.js';
import { gitSync } from './fixtures/make-repo.js';
import { useTestSession } from './fixtures/make-session.js';
import { squashMerge } from './squash-merge.js';

// A squash-merge interrupted after its base branch moved: completed in place when its git is killed, and
// settled at the next start from the journal a killed host left, removing only a lock our own git left.

const s = useTestSession();
let dataDir: string;

beforeEach(async () => {
  dataDir = path.join(s.root, 'data');
});

const lock = () => path.join(s.dir, '.git', 'index.lock');
const status = () => gitSync(s.dir, ['status', '--porcelain']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Commits `count` files in the session, enough that updating the checkout takes a while. */
function bigChange(count: number): string {
  mkdirSync(path.join(s.worktree, 'big'));
  for (let i = 0; i < count; i++) writeFileSync(path.join(s.worktree, 'big', `f${i}.txt`), `${i}\n`);
  return s.commitAll('big change');
}

describe('a squash-merge whose checkout update is killed', () => {
  it('completes the merge: branch and checkout both hold it, no index.lock left', { timeout: 120_000 }, async () => {
    bigChange(3000);
    const merging = squashMerge({
      repo: s.dir,
      worktree: s.worktree,
      branch: s.branch,
      baseBranch: 'main',
      message: 'Big',
    });
    const update = await waitForCheckoutUpdate(process.pid, 60_000);
    // Killed once it has begun writing files (a fixed delay let a fast read-tree finish first: ESRCH in CI).
    const deadline = Date.now() + 30_000;
    while (!existsSync(path.join(s.dir, 'big')) && Date.now() < deadline) await sleep(1);
    process.kill(update.pid, 'SIGKILL');
    const result = await merging;
    expect(gitSync(s.dir, ['rev-parse', 'main'])).toBe(result.commit);
    expect(existsSync(lock())).toBe(false);
    expect(status()).toBe('');
    expect(readdirSync(path.join(s.dir, 'big'))).toHaveLength(3000);
  });
});

describe('GitOpJournal.recover, for a merge a killed host left', () => {
  /** The state a host killed mid-merge leaves: journaled, main moved, checkout not (or half) updated. */
  async function interruptedMerge(options: { lockBefore?: boolean } = {}) {
    const commit = bigChange(20);
    if (options.lockBefore) {
      writeFileSync(lock(), '');
      utimesSync(lock(), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    }
    await sleep(20);
    await new GitOpJournal(dataDir)
      .forMerge('s1')
      .begin({ repo: s.dir, baseBranch: 'main', previous: s.initialCommit, commit, checkout: s.dir });
    await sleep(20);
    gitSync(s.dir, ['update-ref', 'refs/heads/main', commit, s.initialCommit]);
    if (!options.lockBefore) writeFileSync(lock(), '');
    // Half written: some of the new files are there, the index still has the old tree.
    mkdirSync(path.join(s.dir, 'big'));
    for (let i = 0; i < 5; i++) writeFileSync(path.join(s.dir, 'big', `f${i}.txt`), `${i}\n`);
    return commit;
  }

  async function recover(waitMs = 300): Promise<string[]> {
    const notes: string[] = [];
    await new GitOpJournal(dataDir, waitMs).recover((id, detail) => notes.push(`${id}: ${detail}`));
    return notes;
  }

  it('removes the index.lock our killed git left and completes the checkout, noting it on the session', async () => {
    const commit = await interruptedMerge();
    const notes = await recover();
    expect(existsSync(lock())).toBe(false);
    expect(gitSync(s.dir, ['rev-parse', 'HEAD'])).toBe(commit);
    expect(status()).toBe('');
    expect(readdirSync(path.join(s.dir, 'big'))).toHaveLength(20);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^s1: a squash-merge into main was interrupted \(host stopped\): removed the .*index\.lock/,
    );
    expect(notes[0]).toContain('the merge is complete');
    expect(readdirSync(path.join(dataDir, 'git-ops'))).toEqual([]);
    expect(await recover()).toEqual([]);
  });

  it('never removes a lock older than the merge, and says why the checkout was left', async () => {
    await interruptedMerge({ lockBefore: true });
    const notes = await recover();
    expect(existsSync(lock())).toBe(true);
    expect(notes[0]).toMatch(/index\.lock is held by another git \(it is older than the merge\).*run git status there/);
  });

  it('leaves a lock a live git holds (waiting for it a bounded time)', async () => {
    await interruptedMerge();
    // A git working in the checkout (it waits on its stdin), as the user's own could be.
    const live = spawn('git', ['hash-object', '--stdin'], { cwd: s.dir, stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      await sleep(100);
      const started = Date.now();
      const notes = await recover(500);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(existsSync(lock())).toBe(true);
      expect(notes[0]).toContain('a git process still running there');
    } finally {
      live.kill('SIGKILL');
    }
  });
});
