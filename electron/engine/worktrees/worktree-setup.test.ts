import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RepoSettings } from '../../../shared/worktree.js';
import { useTestSession } from '../../git/fixtures/make-session.js';
import type { SessionRecord } from '../../store/session-repository.js';
import { worktreeSetup } from './worktree-setup.js';

const s = useTestSession();
let notes: string[];

beforeEach(async () => {
  notes = [];
  writeFileSync(path.join(s.dir, '.env'), 'TOKEN=local\n');
});

function run(settings: Partial<RepoSettings>): Promise<void> {
  const full: RepoSettings = {
    repoPath: s.dir,
    copyFiles: [],
    setupCommand: '',
    setupTimeoutSec: 10,
    heavyFolders: [],
    ...settings,
  };
  const setup = worktreeSetup({ settings: () => full, env: process.env, note: (_id, detail) => notes.push(detail) });
  return setup({ id: 'abc', repoPath: s.dir, worktreePath: s.worktree } as SessionRecord);
}

describe('worktreeSetup', () => {
  it('copies configured files, notes missing ones, and runs the setup command in the worktree', async () => {
    await run({
      copyFiles: ['.env', 'nope.txt'],
      setupCommand: `sh -c "echo preparing; echo \\$FLOTILLA_SESSION_ID > ready.txt"`,
    });
    expect(s.read('.env')).toBe('TOKEN=local\n');
    expect(s.read('ready.txt')).toBe('abc\n');
    expect(notes).toEqual([
      'copied into the worktree: .env',
      expect.stringContaining('nope.txt'),
      expect.stringMatching(/finished\npreparing/),
    ]);
  });

  it('fails with SETUP_FAILED carrying the output when the command fails', async () => {
    await expect(run({ setupCommand: `sh -c "echo missing dependency >&2; exit 2"` })).rejects.toMatchObject({
      code: 'SETUP_FAILED',
      message: expect.stringMatching(/exited with code 2:\nmissing dependency/),
    });
    expect(notes.at(-1)).toContain('missing dependency');
  });

  it('never copies from outside the repository', async () => {
    await run({ copyFiles: ['../outside', '.git/config'] });
    expect(existsSync(path.join(s.worktree, 'config'))).toBe(false);
    expect(readFileSync(path.join(s.worktree, '.git'), 'utf8')).toMatch(/^gitdir:/);
  });
});
