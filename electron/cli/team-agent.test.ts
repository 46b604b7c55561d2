import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import type { RunningHost } from '../host/host-server.js';
import { useTestEngine } from '../test-support/test-engine.js';
import { startTestHost } from '../test-support/test-host.js';
import { waitFor, waitForScreen } from '../test-support/wait-for.js';

// The team commands as an agent runs them: the real `flotilla` (dist/ build) on a shell session's PATH,
// reaching a real host with that session's own credential (FLOTILLA_URL, FLOTILLA_TOKEN, FLOTILLA_SESSION_ID).

const t = useTestEngine();
let host: RunningHost;

beforeEach(async () => {
  host = await startTestHost(t.tm.manager);
  await t.tm.manager.attachHost({ url: `ws://127.0.0.1:${host.port}/ws`, key: host.token });
});

afterEach(async () => {
  await host.close();
});

async function shell(name: string): Promise<Session> {
  const [session] = await t.tm.manager.create({ repoPath: t.temp.repo, provider: 'shell', name });
  return waitFor(() => t.tm.manager.get(session!.id).pid !== null && t.tm.manager.get(session!.id), {
    what: `${name} to start`,
  });
}

/** Types `command` into the shell, then waits for the line the shell prints after it with its exit code. */
async function inShell(session: Session, command: string, marker: string): Promise<string> {
  await t.tm.manager.send(session.id, `clear; ${command}; echo "${marker}=$?"`);
  return waitForScreen(t.tm.manager, session.id, new RegExp(`${marker}=\\d`), 20_000);
}

describe('the team commands from inside a session', () => {
  it(
    'spawn, children, alone, status, what and name speak for the session they run in',
    { timeout: 90_000 },
    async () => {
      const em = await shell('em');

      const alone = await inShell(em, 'flotilla alone', 'ALONE');
      expect(alone).toContain('ALONE=0');

      const spawned = await inShell(em, 'flotilla spawn "add notes" --name w1 --provider demo', 'SPAWN');
      expect(spawned).toContain('SPAWN=0');
      const [child] = t.tm.manager.team.children(em.id);
      expect(child).toMatchObject({ name: 'w1', provider: 'demo', parentId: em.id, baseBranch: em.branch });
      // The id alone on its line, then the summary.
      expect(spawned).toMatch(new RegExp(`^${child!.id}$\\n^spawned w1 \\(running\\) on ${child!.branch} from`, 'm'));

      const children = await inShell(em, 'flotilla children', 'CHILDREN');
      expect(children).toMatch(new RegExp(`^${child!.id}\\s+w1\\s+demo`, 'm'));
      expect(await inShell(em, 'flotilla alone', 'ALONE')).toContain('ALONE=1');

      await waitFor(() => t.tm.manager.team.what(child!.id).currentTool, { what: "w1's tool call", timeoutMs: 15_000 });
      const what = await inShell(em, 'flotilla what w1', 'WHAT');
      expect(what).toContain(`w1 (${child!.id}): waiting`);
      expect(what).toMatch(/tool: +Write: .*add-notes\.txt/);

      const clear = await inShell(em, 'flotilla clear w1', 'CLEAR');
      expect(clear).toContain('flotilla: UNSUPPORTED: no known way to clear a demo conversation');
      expect(clear).toContain('CLEAR=1');

      const status = await inShell(em, 'flotilla status --json | head -c 300', 'STATUS');
      expect(status).toContain(`"id": "${em.id}"`);

      expect(await inShell(em, 'flotilla name lead', 'NAME')).toContain(`${em.id} is now named lead`);
      expect(t.tm.manager.get(em.id).name).toBe('lead');
    },
  );
});
