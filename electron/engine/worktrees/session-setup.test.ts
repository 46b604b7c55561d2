import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestEngine } from '../../test-support/test-engine.js';

// Per-repo worktree setup through the engine: files copied and a setup command run before the agent starts.

const engine = useTestEngine();

beforeEach(() => {
  writeFileSync(path.join(engine.temp.repo, '.env'), 'API_KEY=local\n');
});

describe('worktree setup on create', () => {
  it('copies configured files and runs the setup command before the agent, its output in the history', async () => {
    await engine.tm.manager.repos.setSettings({
      repoPath: engine.temp.repo,
      copyFiles: ['.env'],
      setupCommand: `sh -c "echo installing; touch .ready"`,
    });
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'with setup' });
    expect(session!.status).toBe('running');
    expect(readFileSync(path.join(session!.worktreePath, '.env'), 'utf8')).toBe('API_KEY=local\n');
    expect(existsSync(path.join(session!.worktreePath, '.ready'))).toBe(true);
    const details = engine.tm.manager
      .history(session!.id)
      .filter((e) => e.kind === 'setup')
      .map((e) => e.detail);
    expect(details).toEqual(['copied into the worktree: .env', expect.stringMatching(/finished\ninstalling/)]);
  });

  it('fails the session with the setup output and leaves no worktree when the setup command fails', async () => {
    await engine.tm.manager.repos.setSettings({
      repoPath: engine.temp.repo,
      setupCommand: `sh -c "echo npm ERR! missing >&2; exit 1"`,
    });
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'failing setup' });
    expect(session).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/exited with code 1:\nnpm ERR! missing/),
    });
    expect(existsSync(session!.worktreePath)).toBe(false);
  });
});
