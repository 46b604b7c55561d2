import { expect, it } from 'vitest';
import { claudeProvider } from '../../providers/claude.js';
import { ProviderRegistry } from '../../providers/registry.js';
import { useTestEngine } from '../../test-support/test-engine.js';
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

const offline = {
  ...claudeProvider,
  id: 'offline',
  launch: async () => ({
    file: process.execPath,
    args: ['-e', `process.stdout.write(${JSON.stringify(OFFLINE)}); setTimeout(() => process.exit(1), 200)`],
  }),
};

const engine = useTestEngine({ providers: new ProviderRegistry([offline]) });

it('an agent that gives up says why on the card: its last error lines join the exit code', async () => {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, provider: 'offline' });
  const failed = await waitForStatus(engine.tm.manager, session!.id, 'failed');
  expect(failed.error).toBe(
    'agent exited with code 1: Unable to connect to Anthropic services — Failed to connect to api.anthropic.com: ENOTFOUND',
  );
  expect(engine.tm.manager.history(session!.id).at(-1)?.detail).toBe(failed.error);
});
