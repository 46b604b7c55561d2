import { afterEach, beforeEach, expect, it } from 'vitest';
import { claudeProvider } from '../../providers/claude.js';
import { ProviderRegistry } from '../../providers/registry.js';
import { createTempRepo, type TempRepo } from '../../test-support/temp-repo.js';
import { openTestManager, type TestManager } from '../../test-support/test-manager.js';
import { waitForStatus } from '../../test-support/wait-for.js';

// What Claude Code 2.1.197 prints offline before it exits 1 (fixtures/claude/offline-no-network.txt).
const OFFLINE = [
  'Welcome to Claude Code v2.1.197',
  '',
  ' Unable to connect to Anthropic services',
  '',
  ' Failed to connect to api.anthropic.com: ENOTFOUND',
  '',
  ' Please check your internet connection and network settings.',
].join('\r\n');

let temp: TempRepo;
let tm: TestManager;

beforeEach(async () => {
  temp = createTempRepo();
  const offline = {
    ...claudeProvider,
    id: 'offline',
    launch: async () => ({
      file: process.execPath,
      args: ['-e', `process.stdout.write(${JSON.stringify(OFFLINE)}); setTimeout(() => process.exit(1), 200)`],
    }),
  };
  tm = await openTestManager(temp.dataDir, new ProviderRegistry([offline]));
});

afterEach(async () => {
  try {
    expect(await tm.close(), 'agent processes outlived the manager').toEqual([]);
  } finally {
    await temp.cleanup();
  }
});

it('an agent that gives up says why on the card: its last error lines join the exit code', async () => {
  const [session] = await tm.manager.create({ repoPath: temp.repo, provider: 'offline' });
  const failed = await waitForStatus(tm.manager, session!.id, 'failed');
  expect(failed.error).toBe(
    'agent exited with code 1: Unable to connect to Anthropic services — Failed to connect to api.anthropic.com: ENOTFOUND',
  );
  expect(tm.manager.history(session!.id).at(-1)?.detail).toBe(failed.error);
});
