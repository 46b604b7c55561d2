import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReviewCommentRepository } from '../../store/review-comment-repository.js';
import { errorOf } from '../../test-support/error-of.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitFor, waitForStatus } from '../../test-support/wait-for.js';

const engine = useTestEngine();

async function idleSession(prompt: string) {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt, autoYes: true });
  await waitForStatus(engine.tm.manager, session!.id, 'idle');
  return session!;
}

describe('review comments', () => {
  it('validate the file and lines, quote them, list in diff order, send one exact message, go stale, leave with the session', async () => {
    const { manager } = engine.tm;
    const review = manager.reviewLoop.comments.service;
    const s = await idleSession('add a note');
    writeFileSync(path.join(s.worktreePath, 'b.txt'), 'b one\nb two\nb three\n');
    writeFileSync(path.join(s.worktreePath, 'a.txt'), 'a one\na two\n');
    // README.md's first line (from the base) is replaced: a comment on the deleted line is on the old side.
    writeFileSync(path.join(s.worktreePath, 'README.md'), '# changed\n');

    expect(await errorOf(review.add(s.id, { file: '../x.txt', startLine: 1, body: 'x' }))).toMatchObject({
      code: 'INVALID_PATH',
    });
    expect(await errorOf(review.add(s.id, { file: 'missing.txt', startLine: 1, body: 'x' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await errorOf(review.add(s.id, { file: 'a.txt', startLine: 2, endLine: 3, body: 'x' }))).toMatchObject({
      code: 'VALIDATION',
      message: 'a.txt has 2 lines; line 3 does not exist',
    });
    expect(await errorOf(review.send(s.id))).toMatchObject({
      code: 'INVALID_STATE',
      message: 'no draft review comments to send',
    });

    // Made out of diff order: b.txt before a.txt, a later line before an earlier one.
    const b3 = await review.add(s.id, { file: 'b.txt', startLine: 3, body: 'third' });
    const b1 = await review.add(s.id, { file: 'b.txt', startLine: 1, endLine: 2, body: 'first two' });
    const a2 = await review.add(s.id, { file: 'a.txt', startLine: 2, body: 'on a' });
    const old = await review.add(s.id, { file: 'README.md', startLine: 1, side: 'old', body: 'keep the title' });
    expect(b1).toMatchObject({ quote: 'b one\nb two', state: 'draft', stale: false, sentAt: null });
    expect(old.quote).toBe('# temp repo');

    const files = (await manager.git.diff(s.id)).files.map((f) => f.path);
    expect(files).toEqual(['README.md', 'a.txt', 'add-a-note.txt', 'b.txt']);
    expect((await review.list(s.id)).map((c) => c.id)).toEqual([old.id, a2.id, b1.id, b3.id]);

    const edited = await review.edit(s.id, b3.id, 'the third line');
    expect(edited.body).toBe('the third line');
    const sent = await review.send(s.id);
    expect(sent.sent).toBe(4);
    expect(sent.text).toBe(
      [
        'Review of your changes: 4 comments, in diff order. Please address each.',
        '1. README.md:1 (deleted lines)',
        '> # temp repo',
        'Comment: keep the title',
        '2. a.txt:2',
        '> a two',
        'Comment: on a',
        '3. b.txt:1-2',
        '> b one',
        '> b two',
        'Comment: first two',
        '4. b.txt:3',
        '> b three',
        'Comment: the third line',
      ].join('\n'),
    );
    // Queued to the agent as the user's, then typed in (the demo agent shows what it was told).
    const message = manager.messages.list(s.id).find((m) => m.id === sent.messageId);
    expect(message).toMatchObject({ senderName: 'user', text: sent.text });
    await waitFor(() => manager.messages.list(s.id).find((m) => m.id === sent.messageId)?.state === 'delivered', {
      timeoutMs: 15_000,
      what: 'the review to be delivered',
    });
    const listed = await review.list(s.id);
    expect(listed.every((c) => c.state === 'sent' && c.sentAt !== null && !c.stale)).toBe(true);
    expect(await errorOf(review.edit(s.id, a2.id, 'later'))).toMatchObject({ code: 'INVALID_STATE' });
    expect(await errorOf(review.send(s.id))).toMatchObject({ code: 'INVALID_STATE' });

    // The lines change: those comments are stale, the others not.
    writeFileSync(path.join(s.worktreePath, 'b.txt'), 'b one\nB TWO\nb three\n');
    const after = await review.list(s.id);
    expect(after.map((c) => [c.id, c.stale])).toEqual([
      [old.id, false],
      [a2.id, false],
      [b1.id, true],
      [b3.id, false],
    ]);
    // The change also reaches listeners, once the diff watcher sees it.
    await waitFor(
      () =>
        engine.tm.events.some(
          (e) => e.name === 'review.changed' && e.payload.comments.some((c) => c.id === b1.id && c.stale),
        ),
      { timeoutMs: 15_000, what: 'a review.changed with the stale comment' },
    );

    expect((await review.remove(s.id, a2.id)).map((c) => c.id)).toEqual([old.id, b1.id, b3.id]);
    expect(await errorOf(review.remove(s.id, a2.id))).toMatchObject({ code: 'NOT_FOUND' });

    // Removed with the session: no rows left behind.
    const store = new ReviewCommentRepository(manager['db']);
    expect(store.list(s.id)).toHaveLength(3);
    await manager.remove(s.id, true);
    expect(store.list(s.id)).toEqual([]);
    expect(await errorOf(review.list(s.id))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('review comments going stale', () => {
  it('a line rewritten with the same totals (no new session.diff) is marked stale when the agent next goes idle', async () => {
    const { manager } = engine.tm;
    const review = manager.reviewLoop.comments.service;
    const s = await idleSession('add a note');
    writeFileSync(path.join(s.worktreePath, 'c.txt'), 'keep\nold words\n');
    const comment = await review.add(s.id, { file: 'c.txt', startLine: 2, body: 'reword' });
    await waitFor(async () => (await manager.git.diff(s.id)).files.some((f) => f.path === 'c.txt'));
    // Same line count, so the same totals: the diff service sends no new session.diff for it.
    writeFileSync(path.join(s.worktreePath, 'c.txt'), 'keep\nnew words\n');
    const staleEvent = () =>
      engine.tm.events.some(
        (e) => e.name === 'review.changed' && e.payload.comments.some((c) => c.id === comment.id && c.stale),
      );
    // The agent takes a turn that changes nothing (asked, then told no) and is idle again.
    manager.update(s.id, { autoYes: false });
    manager.input(s.id, 'anything\r');
    await waitForStatus(manager, s.id, 'waiting');
    await manager.deny(s.id);
    await waitForStatus(manager, s.id, 'idle');
    await waitFor(staleEvent, { timeoutMs: 10_000, what: 'review.changed with the rewritten line stale' });
  });
});
