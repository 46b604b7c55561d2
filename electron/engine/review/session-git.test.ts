import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiffSummary } from '../../../shared/git.js';
import type { Session } from '../../../shared/session.js';
import { gitSync } from '../../test-support/temp-repo.js';
import { waitForEvents, waitForStatus } from '../../test-support/wait-for.js';
import { useTestEngine } from '../../test-support/test-engine.js';

// The review flow end to end on the engine: the demo agent edits its worktree, the live diff follows,
// and the git actions take the work back to the base branch without touching the user's checkout.

const engine = useTestEngine();

/** Resolves with the first session.diff stats of `id` that satisfy `check`, sent after this call. */
function nextDiff(id: string, check: (stats: DiffSummary) => boolean, what: string): Promise<DiffSummary> {
  const start = engine.tm.events.length;
  return waitForEvents(
    engine.tm.manager,
    () => {
      for (const e of engine.tm.events.slice(start)) {
        if (e.name === 'session.diff' && e.payload.id === id && e.payload.stats && check(e.payload.stats))
          return e.payload.stats;
      }
      return undefined;
    },
    { what },
  );
}

async function approvedDemo(prompt: string): Promise<Session> {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt });
  await waitForStatus(engine.tm.manager, session!.id, 'waiting');
  const firstDiff = nextDiff(session!.id, (s) => s.changedFiles === 1, 'the demo file in the diff');
  await engine.tm.manager.approve(session!.id);
  await firstDiff;
  return session!;
}

describe('live diff and git actions on a demo session', () => {
  it('follows the agent and file changes, then reverts, commits and squash-merges into main', async () => {
    const session = await approvedDemo('write notes');
    const git = engine.tm.manager.git;

    const diff = await git.diff(session.id);
    expect(diff.files).toEqual([expect.objectContaining({ path: 'write-notes.txt', status: 'added' })]);
    expect(diff.base).toBe(gitSync(engine.temp.repo, ['rev-parse', 'main']));
    const patch = await git.diffFile(session.id, 'write-notes.txt');
    expect(patch.kind).toBe('text');
    await expect(git.diffFile(session.id, '../../etc/passwd')).rejects.toMatchObject({ code: 'INVALID_PATH' });

    // A change made without any agent output is seen through the folder watcher.
    const seen = nextDiff(session.id, (s) => s.changedFiles === 2, 'a hand-made file in the diff');
    writeFileSync(path.join(session.worktreePath, 'scratch.txt'), 'by hand\n');
    await seen;

    const reverted = await git.revertFile(session.id, 'scratch.txt');
    expect(reverted.files.map((f) => f.path)).toEqual(['write-notes.txt']);

    const commit = await git.commit(session.id, 'Write notes');
    expect(commit.files).toBe(1);

    const userCheckout = gitSync(engine.temp.repo, ['status', '--porcelain']);
    const merged = await git.merge(session.id, 'Write notes (squashed)');
    expect(merged.updatedCheckout).toBe(engine.temp.repo);
    expect(gitSync(engine.temp.repo, ['log', '-1', '--format=%s', 'main'])).toBe('Write notes (squashed)');
    expect(existsSync(path.join(engine.temp.repo, 'write-notes.txt'))).toBe(true);
    expect(gitSync(engine.temp.repo, ['status', '--porcelain'])).toBe(userCheckout);
  });

  it('answers every session action one at a time and refuses a merge with a dirty base checkout', async () => {
    const session = await approvedDemo('make a file');
    const git = engine.tm.manager.git;
    const [first, second] = await Promise.allSettled([git.commit(session.id, 'one'), git.commit(session.id, 'two')]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_STATE' } });

    writeFileSync(path.join(engine.temp.repo, 'README.md'), 'the user is editing\n');
    await expect(git.merge(session.id, 'squash')).rejects.toMatchObject({ code: 'BASE_DIRTY' });
    expect(readFileSync(path.join(engine.temp.repo, 'README.md'), 'utf8')).toBe('the user is editing\n');
  });

  it('stops watching when the session is removed', async () => {
    const session = await approvedDemo('watch me');
    await engine.tm.manager.remove(session.id, true);
    const sent = engine.tm.events.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(engine.tm.events.slice(sent).filter((e) => e.name === 'session.diff')).toEqual([]);
  });
});

describe('diff totals of every session at once (session.diffStatsAll)', () => {
  it('answers from the cache without waiting; after a restart computes the missing totals in the background', async () => {
    const session = await approvedDemo('write notes');
    const cached = engine.tm.manager.git.diffStatsAll();
    expect(cached).toEqual([{ id: session.id, stats: expect.objectContaining({ changedFiles: 1 }), error: null }]);

    await engine.reopen();
    const arrives = nextDiff(session.id, (stats) => stats.changedFiles === 1, 'the totals computed after the restart');
    const fresh = engine.tm.manager.git.diffStatsAll();
    expect(fresh).toEqual([{ id: session.id, stats: null, error: null }]);
    await arrives;
    expect(engine.tm.manager.git.diffStatsAll()[0]?.stats?.changedFiles).toBe(1);
  });
});
