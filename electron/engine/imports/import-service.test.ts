import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeProjectName } from '../../providers/claude.js';
import { SessionManager } from '../index.js';
import { CLAUDE_FIXTURE_ID, seedClaudeConversation, standInAgent } from '../../test-support/import-fixtures.js';
import { createTempRepo, type TempRepo } from '../../test-support/temp-repo.js';
import { testEnv } from '../../test-support/test-manager.js';

// The engine's import of one conversation, twice at once: one session, the other call refused.

let temp: TempRepo;
let manager: SessionManager;
let home: string;

beforeEach(async () => {
  temp = createTempRepo();
  home = path.join(temp.dir, 'home');
  mkdirSync(home);
  manager = await SessionManager.open({ dataDir: temp.dataDir, env: { ...testEnv(), HOME: home } });
});

afterEach(async () => {
  await manager.close();
  await temp.cleanup();
});

describe('ImportService', () => {
  it('imports a conversation once: a second import at the same time, or later, is refused naming the session', async () => {
    // Claude Code's folder is the profile's CLAUDE_CONFIG_DIR, not the one in HOME; the profile runs a stand-in.
    const elsewhere = path.join(temp.dir, 'other-home');
    seedClaudeConversation(elsewhere, temp.repo);
    const profile = manager.profiles.create({
      provider: 'claude',
      name: 'stand-in',
      binaryPath: standInAgent(temp.dir),
      extraArgs: [],
      model: null,
      env: { CLAUDE_CONFIG_DIR: path.join(elsewhere, '.claude') },
    });
    expect((await manager.imports.list({ repoPath: temp.repo })).conversations).toEqual([]);
    const request = { repoPath: temp.repo, conversationId: CLAUDE_FIXTURE_ID, profileId: profile.id };
    const results = await Promise.allSettled([manager.imports.start(request), manager.imports.start(request)]);
    const made = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
    expect(made).toHaveLength(1);
    expect(refused).toEqual([expect.stringMatching(/being imported|already imported/)]);
    expect(manager.list().filter((s) => s.conversationId === CLAUDE_FIXTURE_ID)).toHaveLength(1);
    // Resumable where that profile's Claude Code looks: a copy in the worktree's folder of its config dir.
    const copy = path.join(elsewhere, '.claude', 'projects', claudeProjectName(made[0]!.worktreePath));
    expect(existsSync(path.join(copy, `${CLAUDE_FIXTURE_ID}.jsonl`))).toBe(true);
    await expect(manager.imports.start(request)).rejects.toThrow(`already imported as session ${made[0]!.id}`);
    const listed = await manager.imports.list({ repoPath: temp.repo, profileId: profile.id });
    expect(listed.conversations.map((c) => c.importedBy)).toEqual([made[0]!.id]);
    await manager.kill([made[0]!.id]);
  });
});
