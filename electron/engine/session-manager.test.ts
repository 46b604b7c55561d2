import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { gitSync } from '../test-support/temp-repo.js';
import { waitForScreen, waitForStatus } from '../test-support/wait-for.js';
import { useTestEngine } from '../test-support/test-engine.js';

// Integration tests of the engine: real git repos, real ptys, real SQLite, the demo agent from dist/.

const engine = useTestEngine();

async function createOne(prompt = 'add a readme'): Promise<Session> {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt });
  if (!session) throw new Error('create returned no session');
  return session;
}

function statusEvents(id: string): string[] {
  return engine.tm.events.flatMap((e) =>
    e.name === 'session.status' && e.payload.session.id === id ? [e.payload.session.status] : [],
  );
}

describe('creating sessions', () => {
  it('creates one running session on its own branch, in a worktree under the data dir', async () => {
    const session = await createOne('add a readme');

    expect(session.status).toBe('running');
    expect(session.pid).toBeGreaterThan(0);
    expect(session.baseBranch).toBe('main');
    expect(session.branch).toBe(`flotilla/add-a-readme-${session.id}`);
    expect(session.worktreePath).toBe(
      path.join(engine.temp.dataDir, 'worktrees', 'repo', `add-a-readme-${session.id}`),
    );
    expect(existsSync(session.worktreePath)).toBe(true);
    expect(gitSync(session.worktreePath, ['rev-parse', '--abbrev-ref', 'HEAD'])).toBe(session.branch);
    expect(gitSync(session.worktreePath, ['rev-parse', 'HEAD'])).toBe(gitSync(engine.temp.repo, ['rev-parse', 'main']));
    expect(gitSync(engine.temp.repo, ['worktree', 'list', '--porcelain'])).toContain(
      `worktree ${session.worktreePath}\n`,
    );
    // The main checkout is untouched.
    expect(gitSync(engine.temp.repo, ['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('main');
    expect(gitSync(engine.temp.repo, ['status', '--porcelain'])).toBe('');
    expect(engine.tm.manager.list().map((s) => s.id)).toEqual([session.id]);
    await waitForScreen(engine.tm.manager, session.id, `cwd: ${session.worktreePath}`);
  });

  it('creates three sessions concurrently with distinct ids, branches and worktrees', async () => {
    const [batch, single] = await Promise.all([
      engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'fix the tests', count: 3 }),
      engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'fix the tests' }),
    ]);
    const sessions = [...batch, ...single];

    expect(sessions).toHaveLength(4);
    expect(sessions.map((s) => s.status)).toEqual(['running', 'running', 'running', 'running']);
    expect(batch.map((s) => s.name)).toEqual(['fix the tests #1', 'fix the tests #2', 'fix the tests #3']);
    for (const key of ['id', 'branch', 'worktreePath', 'pid', 'conversationId'] as const) {
      expect(new Set(sessions.map((s) => s[key])).size, key).toBe(4);
    }
    const worktrees = gitSync(engine.temp.repo, ['worktree', 'list', '--porcelain']);
    for (const s of sessions) {
      expect(s.branch).toBe(`flotilla/fix-the-tests-${s.id}`);
      expect(gitSync(s.worktreePath, ['rev-parse', '--abbrev-ref', 'HEAD'])).toBe(s.branch);
      expect(worktrees).toContain(`worktree ${s.worktreePath}\nHEAD `);
    }
    expect(engine.tm.manager.list()).toHaveLength(4);
    await Promise.all(sessions.map((s) => waitForStatus(engine.tm.manager, s.id, 'waiting')));
  });
});

describe('activity and answers', () => {
  it('goes running -> waiting (question exposed) -> approve -> running -> idle, with events and history', async () => {
    const session = await createOne('add a readme');

    const waiting = await waitForStatus(engine.tm.manager, session.id, 'waiting');
    const question = { text: 'Do you want to create add-a-readme.txt?', options: ['Yes', 'No'] };
    expect(waiting.question).toEqual(question);
    const prompts = engine.tm.events.filter((e) => e.name === 'session.prompt');
    expect(prompts).toEqual([{ name: 'session.prompt', payload: { id: session.id, question } }]);

    const answered = await engine.tm.manager.approve(session.id);
    expect(answered.id).toBe(session.id);
    const idle = await waitForStatus(engine.tm.manager, session.id, 'idle');
    expect(idle.question).toBeNull();
    expect(await waitForScreen(engine.tm.manager, session.id, 'Done.')).toContain('Wrote add-a-readme.txt');

    // Subscribers saw every transition, in order, and history() recorded the same ones.
    expect(statusEvents(session.id)).toEqual(['running', 'waiting', 'running', 'idle']);
    const history = engine.tm.manager.history(session.id);
    const transitions = history.filter((e) => e.kind === 'status');
    expect(transitions.map((e) => `${e.fromStatus}->${e.toStatus}`)).toEqual([
      'creating->running',
      'running->waiting',
      'waiting->running',
      'running->idle',
    ]);
    expect(transitions[1]?.detail).toBe(question.text);
    expect(history.map((e) => e.kind)).toContain('approved');
    expect(history.find((e) => e.kind === 'approved')?.detail).toBe(`by user: Yes — ${question.text}`);
    for (const event of history) {
      expect(event.sessionId).toBe(session.id);
      expect(Number.isNaN(Date.parse(event.at)), event.at).toBe(false);
    }
    const times = history.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(engine.tm.events.find((e) => e.name === 'session.created')?.payload).toMatchObject({
      session: { id: session.id, status: 'creating' },
    });
  });

  it('approve writes the file only in the worktree, never in the main repo', async () => {
    const session = await createOne('add a readme');
    await waitForStatus(engine.tm.manager, session.id, 'waiting');
    await engine.tm.manager.approve(session.id);
    await waitForStatus(engine.tm.manager, session.id, 'idle');

    const file = path.join(session.worktreePath, 'add-a-readme.txt');
    expect(readFileSync(file, 'utf8')).toContain('Prompt: add a readme');
    expect(existsSync(path.join(engine.temp.repo, 'add-a-readme.txt'))).toBe(false);
    expect(gitSync(engine.temp.repo, ['status', '--porcelain'])).toBe('');
    expect(gitSync(session.worktreePath, ['status', '--porcelain'])).toBe('?? add-a-readme.txt');
  });

  it('deny writes nothing', async () => {
    const session = await createOne('add a readme');
    await waitForStatus(engine.tm.manager, session.id, 'waiting');
    await engine.tm.manager.deny(session.id);
    await waitForScreen(engine.tm.manager, session.id, 'Skipped add-a-readme.txt.');
    await waitForStatus(engine.tm.manager, session.id, 'idle');

    expect(existsSync(path.join(session.worktreePath, 'add-a-readme.txt'))).toBe(false);
    expect(existsSync(path.join(engine.temp.repo, 'add-a-readme.txt'))).toBe(false);
    expect(gitSync(session.worktreePath, ['status', '--porcelain'])).toBe('');
    expect(engine.tm.manager.history(session.id).find((e) => e.kind === 'denied')?.detail).toContain('by user: No');
  });

  it('refuses to answer a session that is not waiting', async () => {
    const session = await createOne('add a readme');
    await waitForStatus(engine.tm.manager, session.id, 'waiting');
    await engine.tm.manager.approve(session.id);
    await waitForStatus(engine.tm.manager, session.id, 'idle');
    await expect(engine.tm.manager.approve(session.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(engine.tm.manager.deny(session.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('sends a follow-up prompt that the agent works on', async () => {
    const session = await createOne('add a readme');
    await waitForStatus(engine.tm.manager, session.id, 'waiting');
    await engine.tm.manager.deny(session.id);
    await waitForStatus(engine.tm.manager, session.id, 'idle');

    await engine.tm.manager.send(session.id, 'write the docs');
    const waiting = await waitForStatus(engine.tm.manager, session.id, 'waiting');
    expect(waiting.question?.text).toBe('Do you want to create write-the-docs.txt?');
  });
});

describe('agent exits', () => {
  it('an agent that exits 0 completes the session', async () => {
    const session = await createOne('add a readme');
    await waitForStatus(engine.tm.manager, session.id, 'waiting');
    await engine.tm.manager.deny(session.id);
    await waitForStatus(engine.tm.manager, session.id, 'idle');

    await engine.tm.manager.send(session.id, 'exit');
    const done = await waitForStatus(engine.tm.manager, session.id, 'completed');
    expect(done).toMatchObject({ exitCode: 0, error: null, pid: null });
    expect(engine.tm.events).toContainEqual({
      name: 'session.exited',
      payload: { id: session.id, exitCode: 0, signal: null },
    });
    expect(engine.tm.manager.history(session.id).at(-1)).toMatchObject({
      kind: 'status',
      toStatus: 'completed',
      detail: 'agent exited with code 0',
    });
    // The worktree stays for the user to inspect.
    expect(existsSync(session.worktreePath)).toBe(true);
  });

  it('an agent that crashes fails the session with its exit code in the error', async () => {
    const session = await createOne('add a readme');
    await waitForStatus(engine.tm.manager, session.id, 'waiting');
    await engine.tm.manager.deny(session.id);
    await waitForStatus(engine.tm.manager, session.id, 'idle');

    await engine.tm.manager.send(session.id, 'crash');
    const failed = await waitForStatus(engine.tm.manager, session.id, 'failed');
    expect(failed).toMatchObject({ exitCode: 1, pid: null, error: 'agent exited with code 1' });
    expect(engine.tm.manager.history(session.id).at(-1)).toMatchObject({
      toStatus: 'failed',
      detail: 'agent exited with code 1',
    });
    expect((await engine.tm.manager.screen(session.id)).text).toContain('demo crash');
  });
});
