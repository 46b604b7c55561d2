import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../../shared/session.js';
import { createTempRepo, gitSync } from '../../../test-support/temp-repo.js';
import { useTestEngine } from '../../../test-support/test-engine.js';
import { waitFor, waitForScreen, waitForStatus } from '../../../test-support/wait-for.js';

// TeamService through the engine: spawn, children/others/team, what, clear. Real git, real ptys (demo, shell).

const engine = useTestEngine();
const manager = () => engine.tm.manager;

async function createOne(extra: Record<string, unknown> = {}): Promise<Session> {
  const [session] = await manager().create({ repoPath: engine.temp.repo, prompt: '', ...extra });
  if (!session) throw new Error('create returned no session');
  return session;
}

const spawn = (parentId: string, extra: Record<string, unknown> = {}) =>
  manager().team.spawn({ parentId, prompt: '', sameWorktree: false, ...extra });

describe('spawn', () => {
  it("makes a child on the parent's branch, with its provider and auto-yes", async () => {
    const parent = await createOne({ name: 'em', autoYes: true });
    writeFileSync(path.join(parent.worktreePath, 'plan.md'), 'the plan\n');
    gitSync(parent.worktreePath, ['add', 'plan.md']);
    gitSync(parent.worktreePath, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'plan']);

    const child = await spawn('em', { name: 'worker 1', prompt: 'write notes' });

    expect(child).toMatchObject({ parentId: parent.id, name: 'worker 1', provider: 'demo', autoYes: true });
    expect(child.baseBranch).toBe(parent.branch);
    expect(existsSync(path.join(child.worktreePath, 'plan.md'))).toBe(true);
    // auto-yes from the parent answers the demo's question: the file gets written.
    await waitFor(() => existsSync(path.join(child.worktreePath, 'write-notes.txt')), { what: 'the child to write' });

    const shell = await spawn(parent.id, { provider: 'shell', autoYes: false });
    expect(shell).toMatchObject({ provider: 'shell', autoYes: false, parentId: parent.id });
    expect(shell.name).toMatch(/shell/);
  });

  it('--same-worktree: the child works in the parent worktree and branch', async () => {
    const parent = await createOne({ name: 'em' });
    const child = await spawn(parent.id, { sameWorktree: true });
    expect(child).toMatchObject({
      worktreePath: parent.worktreePath,
      branch: parent.branch,
      sharesWorktreeOf: parent.id,
      parentId: parent.id,
    });
  });

  it('--wait: the parent is sent a message when the child goes idle, naming it', async () => {
    const parent = await createOne({ name: 'em' });
    const child = await spawn(parent.id, { name: 'quick worker', wait: 60 });
    const notice = await waitFor(
      () =>
        manager()
          .messages.list(parent.id)
          .find((m) => m.targetId === parent.id && m.senderName === 'flotilla'),
      { what: 'the watch to message the parent', timeoutMs: 15_000 },
    );
    expect(notice.text).toContain('quick worker');
    expect(notice.text).toMatch(/idle/);
    expect(manager().get(child.id).status).toBe('idle');
  });

  it('says what is wrong: an unknown parent, an unknown provider', async () => {
    await expect(spawn('nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const parent = await createOne();
    await expect(spawn(parent.id, { provider: 'nope' })).rejects.toMatchObject({ code: 'PROVIDER_NOT_FOUND' });
    expect(manager().team.children(parent.id)).toEqual([]);
  });
});

describe('children, others, team', () => {
  it('lists direct children, the other sessions on the repository, and my status', async () => {
    const em = await createOne({ name: 'em' });
    const w1 = await spawn(em.id, { name: 'w1' });
    const w2 = await spawn(em.id, { name: 'w2' });
    const grandchild = await spawn(w1.id, { name: 'g' });
    const bystander = await createOne({ name: 'bystander' });
    const archived = await createOne({ name: 'old' });
    await manager().kill([archived.id]);
    manager().archive(archived.id, true);
    const elsewhere = createTempRepo('elsewhere');
    try {
      const [stranger] = await manager().create({ repoPath: elsewhere.repo });

      const ids = (sessions: Session[]) => sessions.map((s) => s.id).sort();
      expect(ids(manager().team.children('em'))).toEqual([w1.id, w2.id].sort());
      expect(ids(manager().team.children(w1.id))).toEqual([grandchild.id]);
      expect(ids(manager().team.others('em'))).toEqual([w1.id, w2.id, grandchild.id, bystander.id].sort());
      expect(ids(manager().team.others(stranger!.id))).toEqual([]);

      const status = manager().team.team(w1.id);
      expect(status.me.id).toBe(w1.id);
      expect(ids(status.children)).toEqual([grandchild.id]);
      expect(ids(status.others)).toEqual([em.id, w2.id, grandchild.id, bystander.id].sort());
      expect(status.locks).toEqual([]);
      expect(status.queue).toEqual([]);
      await manager().remove(stranger!.id, true);
    } finally {
      await elsewhere.cleanup();
    }
  });
});

describe('what', () => {
  it('reads the last assistant message, the tool under way and the question from the events', async () => {
    const session = await createOne({ prompt: 'add notes' });
    const asking = await waitFor(
      () => {
        const activity = manager().team.what(session.id);
        return activity.question && activity.currentTool ? activity : undefined;
      },
      { what: 'the question and its tool call', timeoutMs: 15_000 },
    );
    expect(asking.session.status).toBe('waiting');
    expect(asking.lastMessage).toBe("I'll create add-notes.txt.");
    expect(asking.currentTool).toBe(`Write: ${path.join(session.worktreePath, 'add-notes.txt')}`);
    expect(asking.question).toMatch(/create add-notes\.txt/);

    await manager().approve(session.id);
    const done = await waitFor(
      () => {
        const activity = manager().team.what(session.id);
        return activity.lastMessage === 'Wrote add-notes.txt.' && activity.session.status !== 'waiting'
          ? activity
          : undefined;
      },
      { what: 'the write to be read', timeoutMs: 15_000 },
    );
    expect(done.currentTool).toBeNull();
    expect(done.question).toBeNull();
  });
});

describe('clear', () => {
  it("types the provider's clear command into a live session", async () => {
    const shell = await createOne({ provider: 'shell' });
    await manager().send(shell.id, 'echo marker-$((40 + 2))');
    await waitForScreen(manager(), shell.id, 'marker-42');
    await manager().team.clear(shell.id);
    await waitFor(async () => !(await manager().screen(shell.id)).text.includes('marker-42'), {
      what: 'the screen to clear',
    });
  });

  it('refuses an agent without a known clear command, and a session that is not live', async () => {
    const demo = await createOne();
    await expect(manager().team.clear(demo.id)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('no known way to clear a demo conversation'),
    });
    const shell = await createOne({ provider: 'shell' });
    await manager().kill([shell.id]);
    await waitForStatus(manager(), shell.id, 'cancelled');
    await expect(manager().team.clear(shell.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});
