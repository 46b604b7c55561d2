import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../../providers/provider.js';
import { ProviderRegistry } from '../../providers/registry.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitForScreen } from '../../test-support/wait-for.js';

/**
 * Lines sent to an agent (`flotilla send`) must submit in a composer that reads a fast
 * burst of keys as a paste (fixtures/paste-burst.mjs, Codex's 120 ms rule): the Enter comes late enough.
 */
const COMPOSER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'paste-burst.mjs');
const composer: Provider = {
  id: 'burst',
  label: 'paste-burst composer',
  newConversationId: () => null,
  launch: async () => ({ file: process.execPath, args: [COMPOSER] }),
  resume: async () => null,
  keys: { option: () => '', deny: () => null },
  readScreen: () => ({ busy: false, question: null }),
};

const engine = useTestEngine({ providers: new ProviderRegistry([composer]) });

describe('typing a line into an agent', () => {
  it('send submits each line, not a newline inside a paste', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, provider: 'burst' });
    const id = session!.id;
    await waitForScreen(engine.tm.manager, id, '›');
    await engine.tm.manager.send(id, 'what did I ask before?');
    await waitForScreen(engine.tm.manager, id, 'Submitted: what did I ask before?', 3000);
    await engine.tm.manager.send(id, 'and then?');
    const screen = await waitForScreen(engine.tm.manager, id, 'Submitted: and then?', 3000);
    expect(screen).not.toContain('⏎');
  });
});
