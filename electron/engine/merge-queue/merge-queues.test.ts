import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MergeQueue } from '../../../shared/merge-queue.js';
import type { Session } from '../../../shared/session.js';
import { commitFile } from '../../git/fixtures/make-repo.js';
import { resolveRepoRoot } from '../../git/repo-info.js';
import { gitSync } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitForEvents, waitForStatus } from '../../test-support/wait-for.js';

// The merge queue on a real repo and engine: sessions land in order on main, and the first that cannot
// land stops the queue with its branch and worktree as they were.

const engine = useTestEngine();

/** A session whose demo agent waits at its question (so it writes nothing), with one commit of ours. */
async function sessionWith(name: string, file: string, content: string): Promise<Session> {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: name, name });
  await waitForStatus(engine.tm.manager, session!.id, 'waiting');
  commitFile(session!.worktreePath, file, content, `${name}: ${file}`);
  return session!;
}

/** The queue's last state once it has ended (done or stopped), and every state change seen on the way. */
async function ended(queueId: string): Promise<{ queue: MergeQueue; seen: string[] }> {
  const queue = await waitForEvents(
    engine.tm.manager,
    () =>
      engine.tm.events
        .map((e) => (e.name === 'mergeQueue.changed' && e.payload.queue.id === queueId ? e.payload.queue : null))
        .find((q) => q !== null && q.state !== 'running') ?? undefined,
    { what: 'the merge queue to end', timeoutMs: 30_000 },
  );
  const seen: string[] = [];
  for (const e of engine.tm.events) {
    if (e.name !== 'mergeQueue.changed' || e.payload.queue.id !== queueId) continue;
    for (const [i, item] of e.payload.queue.items.entries()) {
      const line = `${i}:${item.state}`;
      if (!seen.includes(line)) seen.push(line);
    }
  }
  return { queue, seen };
}

describe('merge queue', () => {
  it('lands two sessions in order and stops at a third that conflicts, leaving it intact', async () => {
    const a = await sessionWith('alpha', 'README.md', '# temp repo\nalpha was here\n');
    const b = await sessionWith('beta', 'beta.txt', 'beta\n');
    const c = await sessionWith('gamma', 'README.md', '# temp repo\ngamma was here\n');
    const cHead = gitSync(c.worktreePath, ['rev-parse', 'HEAD']);
    const userStatus = gitSync(engine.temp.repo, ['status', '--porcelain']);

    const started = await engine.tm.manager.reviewLoop.mergeQueue.start([a.id, b.name, c.id]);
    expect(started.items.map((i) => [i.sessionId, i.state])).toEqual([
      [a.id, 'pending'],
      [b.id, 'pending'],
      [c.id, 'pending'],
    ]);
    await expect(engine.tm.manager.reviewLoop.mergeQueue.start([b.id])).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    const { queue, seen } = await ended(started.id);

    expect(queue.state).toBe('stopped');
    expect(queue.items.map((i) => i.state)).toEqual(['merged', 'merged', 'failed']);
    expect(queue.items[2]!.reason).toMatch(/conflicts in README\.md/);
    // Each session went through every step, one after the other.
    expect(seen).toEqual(expect.arrayContaining(['0:rebasing', '0:validating', '0:merging', '0:merged']));
    expect(seen.indexOf('0:merged')).toBeLessThan(seen.indexOf('1:rebasing'));
    expect(seen).toContain('2:failed');

    // main has alpha's then beta's squash commit, and the user's checkout followed cleanly.
    const log = gitSync(engine.temp.repo, ['log', '--format=%H %s', 'main']).split('\n');
    expect(log[0]).toBe(`${queue.items[1]!.commit} beta`);
    expect(log[1]).toBe(`${queue.items[0]!.commit} alpha`);
    expect(readFileSync(path.join(engine.temp.repo, 'beta.txt'), 'utf8')).toBe('beta\n');
    expect(gitSync(engine.temp.repo, ['status', '--porcelain'])).toBe(userStatus);

    // gamma: same head, clean worktree with its own content, no rebase left in progress.
    expect(gitSync(c.worktreePath, ['rev-parse', 'HEAD'])).toBe(cHead);
    expect(gitSync(c.worktreePath, ['status', '--porcelain'])).toBe('');
    expect(readFileSync(path.join(c.worktreePath, 'README.md'), 'utf8')).toBe('# temp repo\ngamma was here\n');
    expect(engine.tm.manager.reviewLoop.mergeQueue.list()[0]).toEqual(queue);
  });

  it('puts a rebased branch back to its old head when a later step fails', async () => {
    const s = await sessionWith('delta', 'delta.txt', 'delta\n');
    const before = gitSync(s.worktreePath, ['rev-parse', 'HEAD']);
    // main moves on (so the queue's rebase changes the branch), then the user's checkout gets local edits: the
    // merge step is refused (BASE_DIRTY) after the rebase succeeded.
    commitFile(engine.temp.repo, 'main.txt', 'main moved\n');
    writeFileSync(path.join(engine.temp.repo, 'README.md'), 'the user is editing\n');

    const started = await engine.tm.manager.reviewLoop.mergeQueue.start([s.id], 'delta squashed');
    const { queue, seen } = await ended(started.id);

    expect(seen).toEqual(['0:pending', '0:rebasing', '0:validating', '0:merging', '0:failed']);
    expect(queue.items[0]!.reason).toMatch(/uncommitted changes .*; the branch was put back to/);
    expect(gitSync(s.worktreePath, ['rev-parse', 'HEAD'])).toBe(before);
    expect(gitSync(s.worktreePath, ['status', '--porcelain'])).toBe('');
    expect(readFileSync(path.join(engine.temp.repo, 'README.md'), 'utf8')).toBe('the user is editing\n');
    const history = engine.tm.manager.history(s.id);
    expect(history.map((e) => e.detail)).toContainEqual(expect.stringMatching(/^merge queue stopped here: /));
  });

  it('refuses a queue with uncommitted work or sessions of two repositories before anything runs', async () => {
    const a = await sessionWith('epsilon', 'e.txt', 'e\n');
    const b = await sessionWith('zeta', 'z.txt', 'z\n');
    writeFileSync(path.join(b.worktreePath, 'draft.txt'), 'not committed\n');
    const mainBefore = gitSync(engine.temp.repo, ['rev-parse', 'main']);
    const queues = engine.tm.manager.reviewLoop.mergeQueue;
    await expect(queues.start([a.id, b.id])).rejects.toMatchObject({
      code: 'DIRTY_WORKTREE',
      message: expect.stringMatching(/zeta \(draft\.txt\).*nothing was merged/),
    });
    await expect(queues.start([a.id, a.id])).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(gitSync(engine.temp.repo, ['rev-parse', 'main'])).toBe(mainBefore);
    // The refusal released the repository: a clean queue runs.
    const started = await queues.start([a.id]);
    expect((await ended(started.id)).queue.state).toBe('done');
  });
});

describe('merge queue with validators', () => {
  it('stops at a session whose validator fails after its rebase, and puts its branch back', async () => {
    // Fails when a file at the worktree's top holds "BUG".
    const check = [
      'node',
      '-e',
      "const fs=require('fs');if(fs.readdirSync('.').some(f=>fs.statSync(f).isFile()&&fs.readFileSync(f,'utf8').includes('BUG')))process.exit(1)",
    ];
    const { store } = engine.tm.manager.reviewLoop.validation;
    store.set(await resolveRepoRoot(engine.temp.repo), { name: 'check', argv: check, timeoutSec: 60 });
    const a = await sessionWith('eta', 'eta.txt', 'fine\n');
    const b = await sessionWith('theta', 'theta.txt', 'a BUG here\n');
    const c = await sessionWith('iota', 'iota.txt', 'fine\n');
    const bHead = gitSync(b.worktreePath, ['rev-parse', 'HEAD']);

    const started = await engine.tm.manager.reviewLoop.mergeQueue.start([a.id, b.id, c.id]);
    const { queue, seen } = await ended(started.id);

    expect(queue.items.map((i) => i.state)).toEqual(['merged', 'failed', 'skipped']);
    // theta was rebased onto eta's merge before its validation ran, then put back.
    expect(seen).toEqual(expect.arrayContaining(['1:rebasing', '1:validating', '1:failed']));
    expect(seen).not.toContain('1:merging');
    expect(queue.items[1]!.reason).toMatch(/^validation failed: check \(exit 1\); the branch was put back to /);
    expect(queue.items[2]!.reason).toBe('the queue stopped at theta');
    expect(gitSync(b.worktreePath, ['rev-parse', 'HEAD'])).toBe(bHead);
    expect(gitSync(b.worktreePath, ['status', '--porcelain'])).toBe('');
    expect(gitSync(engine.temp.repo, ['log', '-1', '--format=%s', 'main'])).toBe('eta');
  });
});

describe('merge queue and a stopping host', () => {
  it('ends after the step under way: nothing half-merged, the branch put back, the rest skipped', async () => {
    // A validator slow enough for the host to stop while it runs.
    const slow = ['node', '-e', 'setTimeout(() => {}, 20000)'];
    const { store } = engine.tm.manager.reviewLoop.validation;
    store.set(await resolveRepoRoot(engine.temp.repo), { name: 'slow', argv: slow, timeoutSec: 60 });
    const a = await sessionWith('kappa', 'kappa.txt', 'k\n');
    const b = await sessionWith('lambda', 'lambda.txt', 'l\n');
    commitFile(engine.temp.repo, 'main.txt', 'main moved\n');
    const aHead = gitSync(a.worktreePath, ['rev-parse', 'HEAD']);
    const mainBefore = gitSync(engine.temp.repo, ['rev-parse', 'main']);

    const started = await engine.tm.manager.reviewLoop.mergeQueue.start([a.id, b.id]);
    // Its validator process has started (a run asked for while the host closes is not this test's matter).
    await waitForEvents(
      engine.tm.manager,
      () => engine.tm.events.some((e) => e.name === 'validator.started' && e.payload.id === a.id) || undefined,
      { what: 'the first session to be validating' },
    );
    const closing = Date.now();
    await engine.close();
    expect(Date.now() - closing).toBeLessThan(15_000);

    const last = engine.tm.events
      .filter((e) => e.name === 'mergeQueue.changed' && e.payload.queue.id === started.id)
      .at(-1) as { payload: { queue: MergeQueue } } | undefined;
    expect(last?.payload.queue.state).toBe('stopped');
    expect(last?.payload.queue.items.map((i) => i.state)).toEqual(['failed', 'skipped']);
    expect(last?.payload.queue.items[0]!.reason).toMatch(/^validation was cancelled .*; the branch was put back to /);
    expect(gitSync(engine.temp.repo, ['rev-parse', 'main'])).toBe(mainBefore);
    expect(gitSync(a.worktreePath, ['rev-parse', 'HEAD'])).toBe(aHead);
    await engine.open();
  });
});
