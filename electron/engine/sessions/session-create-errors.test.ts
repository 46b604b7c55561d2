import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoProvider } from '../../providers/demo.js';
import type { Provider } from '../../providers/provider.js';
import { ProviderRegistry } from '../../providers/registry.js';
import { openFilesUnder } from '../../test-support/process-probe.js';
import { gitSync, repoState, type RepoState } from '../../test-support/temp-repo.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { openTestManager } from '../../test-support/test-manager.js';

// Every way a create can fail: the error code comes back, and nothing is left behind in git or on disk.

let before: RepoState;

/**
 * Launches like the demo agent but hands node-pty an argv it rejects synchronously, so the worktree is
 * made and then the spawn itself fails. (A missing binary does not do this: node-pty's spawn helper
 * starts, fails to exec and exits 1, which the engine reports as an agent exit.)
 */
const unspawnableProvider: Provider = {
  ...demoProvider,
  id: 'unspawnable',
  label: 'Unspawnable',
  async launch(ctx) {
    if (ctx.sessionId !== 'preflight')
      worktreesAtSpawn.push({ dir: ctx.worktreePath, existed: existsSync(ctx.worktreePath) });
    return { file: process.execPath, args: 'not an argv array' as unknown as string[] };
  },
};
const worktreesAtSpawn: { dir: string; existed: boolean }[] = [];

const engine = useTestEngine({ providers: new ProviderRegistry([demoProvider, unspawnableProvider]) });

beforeEach(() => {
  before = repoState(engine.temp.repo, engine.temp.dataDir);
});

/** Nothing made: no branch, no worktree (git's list or a folder), no session record. */
function expectNothingLeft(): void {
  expect(repoState(engine.temp.repo, engine.temp.dataDir)).toEqual(before);
  expect(engine.tm.manager.list()).toEqual([]);
}

describe('create refuses, leaving nothing behind', () => {
  it('NOT_A_REPO for a folder outside any repository, and for a missing path', async () => {
    const plain = path.join(engine.temp.dir, 'plain');
    mkdirSync(plain);
    await expect(engine.tm.manager.create({ repoPath: plain, prompt: 'x' })).rejects.toMatchObject({
      code: 'NOT_A_REPO',
    });
    await expect(
      engine.tm.manager.create({ repoPath: path.join(engine.temp.dir, 'missing'), prompt: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_A_REPO',
    });
    expectNothingLeft();
  });

  it('UNKNOWN_BASE for a base branch that does not exist', async () => {
    await expect(
      engine.tm.manager.create({ repoPath: engine.temp.repo, baseBranch: 'no-such-branch', prompt: 'x' }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_BASE',
      message: expect.stringContaining('no-such-branch'),
    });
    expectNothingLeft();
  });

  it('UNKNOWN_BASE for a detached HEAD when no base is named', async () => {
    gitSync(engine.temp.repo, ['checkout', '--quiet', '--detach']);
    before = repoState(engine.temp.repo, engine.temp.dataDir);
    await expect(engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'x' })).rejects.toMatchObject({
      code: 'UNKNOWN_BASE',
    });
    expectNothingLeft();
  });

  it('REPO_LOCKED while another git process holds index.lock, and creates once it is released', async () => {
    const lock = path.join(engine.temp.repo, '.git', 'index.lock');
    writeFileSync(lock, '');
    await expect(engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'x' })).rejects.toMatchObject({
      code: 'REPO_LOCKED',
      message: expect.stringContaining('index.lock'),
    });
    expectNothingLeft();

    rmSync(lock);
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'x' });
    expect(session?.status).toBe('running');
  });

  it('waits out a lock held for a moment (an editor running git status) instead of refusing', async () => {
    const lock = path.join(engine.temp.repo, '.git', 'index.lock');
    writeFileSync(lock, '');
    setTimeout(() => rmSync(lock), 300);
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'x' });
    expect(session?.status).toBe('running');
  });

  it('PROVIDER_NOT_FOUND for an unknown provider and for a provider whose binary is missing', async () => {
    await expect(
      engine.tm.manager.create({ repoPath: engine.temp.repo, provider: 'nope', prompt: 'x' }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_NOT_FOUND',
    });

    const registry = new ProviderRegistry();
    const withShell = await openTestManager(path.join(engine.temp.dir, 'data-shell'), registry);
    const shell = process.env.SHELL;
    process.env.SHELL = path.join(engine.temp.dir, 'no-such-shell');
    try {
      await expect(
        withShell.manager.create({ repoPath: engine.temp.repo, provider: 'shell', prompt: 'x' }),
      ).rejects.toMatchObject({
        code: 'PROVIDER_NOT_FOUND',
        message: expect.stringContaining('no-such-shell'),
      });
      expect(withShell.manager.list()).toEqual([]);
    } finally {
      process.env.SHELL = shell;
      await withShell.close();
    }
    expectNothingLeft();
  });

  it('VALIDATION errors from the request schema leave nothing behind', async () => {
    await expect(engine.tm.manager.create({ repoPath: engine.temp.repo, count: 0 })).rejects.toThrow();
    await expect(engine.tm.manager.create({ repoPath: '' })).rejects.toThrow();
    expectNothingLeft();
  });
});

describe('a spawn that fails after the worktree was made', () => {
  it('rolls the worktree and branch back and records the session as failed', async () => {
    const [session] = await engine.tm.manager.create({
      repoPath: engine.temp.repo,
      provider: 'unspawnable',
      prompt: 'x',
    });

    expect(session).toMatchObject({ status: 'failed', pid: null, error: expect.stringContaining('could not start') });
    expect(worktreesAtSpawn).toEqual([{ dir: session!.worktreePath, existed: true }]);
    // The output log opened for the agent is closed again.
    expect(openFilesUnder(path.join(engine.temp.dataDir, 'sessions'))).toEqual([]);
    expect(repoState(engine.temp.repo, engine.temp.dataDir)).toEqual(before);
    const transitions = engine.tm.manager.history(session!.id).filter((e) => e.kind === 'status');
    expect(transitions.map((e) => `${e.fromStatus}->${e.toStatus}`)).toEqual(['creating->failed']);
    expect(engine.tm.events.some((e) => e.name === 'session.status' && e.payload.session.status === 'failed')).toBe(
      true,
    );

    // The failed record is removable without force: nothing of it remains in git.
    await engine.tm.manager.remove(session!.id, false);
    expectNothingLeft();
  });
});
