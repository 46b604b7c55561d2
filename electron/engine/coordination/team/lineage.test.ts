import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../../shared/session.js';
import { gitSync } from '../../../test-support/temp-repo.js';
import { useTestEngine } from '../../../test-support/test-engine.js';
import { createTempRepo } from '../../../test-support/temp-repo.js';
import { waitFor, waitForStatus } from '../../../test-support/wait-for.js';

// Parents and shared worktrees at create (and at removal): real git repos, real ptys (the demo agent).

const engine = useTestEngine();

async function createOne(extra: Record<string, unknown> = {}, prompt = ''): Promise<Session> {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt, ...extra });
  if (!session) throw new Error('create returned no session');
  return session;
}

/** Commits a file on the session's branch in its worktree. */
function commitIn(session: Session, file: string): void {
  writeFileSync(path.join(session.worktreePath, file), `${file}\n`);
  gitSync(session.worktreePath, ['add', file]);
  gitSync(session.worktreePath, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', file]);
}

describe('a child session', () => {
  it('records its parent (also after a restart of the host) and starts from the parent branch', async () => {
    const parent = await createOne({ name: 'em' });
    commitIn(parent, 'plan.md');
    writeFileSync(path.join(parent.worktreePath, 'draft.md'), 'uncommitted\n');

    const child = await createOne({ parentId: 'em', name: 'worker' });

    expect(child.parentId).toBe(parent.id);
    expect(child.baseBranch).toBe(parent.branch);
    expect(child.worktreePath).not.toBe(parent.worktreePath);
    // The parent's commits are in the child's worktree; its uncommitted work is not (and a note says so).
    expect(existsSync(path.join(child.worktreePath, 'plan.md'))).toBe(true);
    expect(existsSync(path.join(child.worktreePath, 'draft.md'))).toBe(false);
    expect(engine.tm.manager.history(child.id).map((e) => e.detail)).toContainEqual(
      expect.stringContaining('uncommitted changes'),
    );
    expect(engine.tm.manager.get(parent.id).parentId).toBeUndefined();

    const reopened = await engine.reopen();
    expect(reopened.manager.get(child.id).parentId).toBe(parent.id);
  });

  it('takes an explicit base over the parent branch', async () => {
    const parent = await createOne();
    commitIn(parent, 'plan.md');
    const child = await createOne({ parentId: parent.id, baseBranch: 'main' });
    expect(child.baseBranch).toBe('main');
    expect(existsSync(path.join(child.worktreePath, 'plan.md'))).toBe(false);
  });

  it('refuses a parent that does not exist, or works on another repository', async () => {
    await expect(createOne({ parentId: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = createTempRepo('other');
    try {
      const [stranger] = await engine.tm.manager.create({ repoPath: other.repo });
      await expect(createOne({ parentId: stranger!.id })).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining('works on'),
      });
      await expect(createOne({ worktreeOf: stranger!.id })).rejects.toMatchObject({ code: 'VALIDATION' });
      await engine.tm.manager.remove(stranger!.id, true);
    } finally {
      await other.cleanup();
    }
  });
});

describe('sessions in one worktree', () => {
  it('share the path and branch, several at once, without a new worktree', async () => {
    const owner = await createOne({ name: 'owner' });
    const worktreesBefore = gitSync(engine.temp.repo, ['worktree', 'list', '--porcelain']);

    const sharers = await engine.tm.manager.create({ repoPath: engine.temp.repo, worktreeOf: 'owner', count: 2 });

    expect(sharers).toHaveLength(2);
    for (const s of sharers) {
      expect(s).toMatchObject({
        worktreePath: owner.worktreePath,
        branch: owner.branch,
        baseBranch: owner.baseBranch,
        sharesWorktreeOf: owner.id,
        status: 'running',
      });
    }
    expect(gitSync(engine.temp.repo, ['worktree', 'list', '--porcelain'])).toBe(worktreesBefore);
    await expect(createOne({ worktreeOf: owner.id, baseBranch: 'other' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('keeps the worktree and branch while a sharer remains; the last one removes them', async () => {
    const owner = await createOne({ name: 'owner' });
    const sharer = await createOne({ worktreeOf: owner.id });
    writeFileSync(path.join(owner.worktreePath, 'shared.txt'), 'work in progress\n');

    // The owner goes only with force, and its worktree stays for the sharer.
    await expect(engine.tm.manager.remove(owner.id, false)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('is shared with'),
    });
    await engine.tm.manager.remove(owner.id, true);
    expect(existsSync(path.join(owner.worktreePath, 'shared.txt'))).toBe(true);
    expect(gitSync(engine.temp.repo, ['branch', '--list', owner.branch])).toContain(owner.branch);
    expect(engine.tm.manager.get(sharer.id).status).not.toBe('failed');

    // A new session can still join through the sharer; removing one sharer keeps it for the other.
    const late = await createOne({ worktreeOf: sharer.id });
    await engine.tm.manager.remove(late.id, false);
    expect(existsSync(owner.worktreePath)).toBe(true);

    // The last user removes it, with the usual guard (its uncommitted file refuses a plain remove).
    await expect(engine.tm.manager.remove(sharer.id, false)).rejects.toMatchObject({ code: 'DIRTY_WORKTREE' });
    await engine.tm.manager.remove(sharer.id, true);
    expect(existsSync(owner.worktreePath)).toBe(false);
    expect(gitSync(engine.temp.repo, ['branch', '--list', owner.branch])).toBe('');
  });

  it('removing a sharer leaves the owner working', async () => {
    const owner = await createOne({ name: 'owner' }, 'write notes');
    const sharer = await createOne({ worktreeOf: owner.id });
    await engine.tm.manager.remove(sharer.id, false);
    expect(existsSync(owner.worktreePath)).toBe(true);
    await waitForStatus(engine.tm.manager, owner.id, 'waiting');
  });

  it('a sharer queued behind the concurrency limit starts in the worktree once a slot frees', async () => {
    engine.tm.manager.updateSettings({ maxConcurrentSessions: 1 });
    const owner = await createOne({ name: 'owner' });
    const sharer = await createOne({ worktreeOf: owner.id });
    expect(sharer.queuedAt).toBeTruthy();
    await engine.tm.manager.kill([owner.id]);
    const started = await waitFor(
      () => {
        const s = engine.tm.manager.get(sharer.id);
        return s.status !== 'creating' && s;
      },
      { what: 'the sharer to start' },
    );
    expect(['running', 'idle']).toContain(started.status);
    expect(started).toMatchObject({ worktreePath: owner.worktreePath, error: null });
    expect(existsSync(owner.worktreePath)).toBe(true);
  });

  it('a sharer still queued when the host stopped is queued again, not reported paused', async () => {
    engine.tm.manager.updateSettings({ maxConcurrentSessions: 1 });
    const owner = await createOne({ name: 'owner' });
    const sharer = await createOne({ worktreeOf: owner.id });
    expect(sharer.queuedAt).toBeTruthy();

    const reopened = await engine.reopen();

    // The owner comes back paused (not counted), so the sharer starts at once in the shared worktree.
    const started = await waitFor(
      () => {
        const s = reopened.manager.get(sharer.id);
        return s.status !== 'creating' && s;
      },
      { what: 'the sharer to start' },
    );
    expect(['running', 'idle']).toContain(started.status);
    expect(started.worktreePath).toBe(owner.worktreePath);
  });

  it('refuses a session whose worktree is gone', async () => {
    const owner = await createOne();
    await engine.tm.manager.kill([owner.id]);
    gitSync(engine.temp.repo, ['worktree', 'remove', '--force', owner.worktreePath]);
    await expect(createOne({ worktreeOf: owner.id })).rejects.toMatchObject({
      code: 'WORKTREE_MISSING',
      message: expect.stringContaining('no worktree to share'),
    });
  });
});
