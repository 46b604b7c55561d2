import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../../test-support/temp-repo.js';
import { openTestManager, type TestManager } from '../../test-support/test-manager.js';

// Per-repo worktree setup through the engine: files copied and a setup command run before the agent starts.

let temp: TempRepo;
let tm: TestManager;

beforeEach(async () => {
  temp = createTempRepo();
  tm = await openTestManager(temp.dataDir);
  writeFileSync(path.join(temp.repo, '.env'), 'API_KEY=local\n');
});

afterEach(async () => {
  try {
    expect(await tm.close(), 'agent processes outlived the manager').toEqual([]);
  } finally {
    await temp.cleanup();
  }
});

describe('worktree setup on create', () => {
  it('copies configured files and runs the setup command before the agent, its output in the history', async () => {
    tm.manager.repoSettings.set({
      repoPath: temp.repo,
      copyFiles: ['.env'],
      setupCommand: `sh -c "echo installing; touch .ready"`,
    });
    const [session] = await tm.manager.create({ repoPath: temp.repo, prompt: 'with setup' });
    expect(session!.status).toBe('running');
    expect(readFileSync(path.join(session!.worktreePath, '.env'), 'utf8')).toBe('API_KEY=local\n');
    expect(existsSync(path.join(session!.worktreePath, '.ready'))).toBe(true);
    const details = tm.manager
      .history(session!.id)
      .filter((e) => e.kind === 'setup')
      .map((e) => e.detail);
    expect(details).toEqual(['copied into the worktree: .env', expect.stringMatching(/finished\ninstalling/)]);
  });

  it('fails the session with the setup output and leaves no worktree when the setup command fails', async () => {
    tm.manager.repoSettings.set({ repoPath: temp.repo, setupCommand: `sh -c "echo npm ERR! missing >&2; exit 1"` });
    const [session] = await tm.manager.create({ repoPath: temp.repo, prompt: 'failing setup' });
    expect(session).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/exited with code 1:\nnpm ERR! missing/),
    });
    expect(existsSync(session!.worktreePath)).toBe(false);
  });
});
