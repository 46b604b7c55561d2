import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { claudeProvider } from '../../providers/claude.js';
import { ProviderRegistry } from '../../providers/registry.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitForEvents, waitForScreen, waitForStatus } from '../../test-support/wait-for.js';

/**
 * A question that changes while the session is already waiting replaces the stored one: found with the
 * real Claude Code, whose Edit dialog draws "…" first and the diff a moment later (Approve was then
 * refused as "no longer on the screen"). fixtures/redrawn-dialog.mjs draws it the same way.
 */
const DIALOG = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'redrawn-dialog.mjs');
const redrawn = (mode: string) => ({
  ...claudeProvider,
  id: `redrawn-${mode}`,
  launch: async () => ({ file: process.execPath, args: [DIALOG, mode] }),
});

const engine = useTestEngine({ providers: new ProviderRegistry(['one', 'two'].map(redrawn)) });

async function waitingOn(id: string, detail: string) {
  const { manager } = engine.tm;
  return waitForEvents(
    manager,
    () => (manager.get(id).question?.detail?.includes(detail) ? manager.get(id) : undefined),
    {
      timeoutMs: 5000,
      what: `the question of ${id} to show ${detail}`,
      describe: () => JSON.stringify(manager.get(id).question),
    },
  );
}

describe('a question redrawn while waiting', () => {
  it('takes the redrawn detail, and Approve answers it', async () => {
    const { manager } = engine.tm;
    const [session] = await manager.create({ repoPath: engine.temp.repo, provider: 'redrawn-one' });
    await waitForStatus(manager, session!.id, 'waiting');
    const waiting = await waitingOn(session!.id, '+# tidy repo');
    expect(waiting.question?.detail).toBe('Edit file\nREADME.md\n1 -# temp repo\n1 +# tidy repo');
    await manager.approve(session!.id);
    await waitForScreen(manager, session!.id, 'Answered: Yes');
  });

  it('a second question right after the first is the one answered next', async () => {
    const { manager } = engine.tm;
    const [session] = await manager.create({ repoPath: engine.temp.repo, provider: 'redrawn-two' });
    await waitingOn(session!.id, '+# tidy repo');
    await manager.approve(session!.id);
    await waitingOn(session!.id, '+# neat repo');
    await manager.approve(session!.id);
    await waitForScreen(manager, session!.id, 'Answered: Yes');
  });
});
