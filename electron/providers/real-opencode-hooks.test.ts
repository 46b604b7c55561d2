import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { runFlotilla } from '../test-support/cli-host.js';
import { text, toolCall, type Rule } from '../test-support/model-server/model-server.js';
import { opencodeCli, useRealOpencode } from '../test-support/real-opencode.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * The real opencode (1.18.33) reporting through Flotilla's plugin (bin/flotilla-opencode-plugin.js, loaded
 * per launch through OPENCODE_CONFIG_CONTENT): the status comes from its events first and the screen second,
 * and still goes waiting -> running -> idle with the screen reader blind (FLOTILLA_STATUS_SOURCES=hook).
 * Run alone: npx vitest run electron/providers/real-opencode-hooks.test.ts
 */
const o = useRealOpencode();
let sources: string | undefined;
const plainEnv = o.env;
o.env = () => ({ ...plainEnv(), ...(sources ? { FLOTILLA_STATUS_SOURCES: sources } : {}) });

const WRITE = "printf 'approved\\n' > made.txt";
const makeFile: Rule[] = [
  { when: 'make the file', times: 1, reply: toolCall('bash', { command: WRITE, description: 'Write a file' }) },
  { when: (r) => r.toolResults.length > 0, reply: text('Wrote made.txt for you.') },
];

interface StatusEvent {
  kind: string;
  toStatus: string | null;
  detail: string | null;
}

/** `flotilla wait` for up to 60 s (opencode's start and the model's turn take a while on a loaded machine). */
async function waitStatus(id: string, status: string): Promise<Session> {
  const run = await runFlotilla(['wait', id, '--status', status, '--timeout', '60'], o.env(), 70_000);
  if (run.code !== 0) {
    const seen = `${await o.flotilla('show', id)}\n${await o.flotilla('screen', id)}`;
    throw new Error(`flotilla wait ${id} --status ${status} exited ${run.code}: ${run.stderr}\n${seen}`);
  }
  return o.show(id);
}

/** The session's status changes after it started: "to (detail)". */
async function statusChanges(id: string): Promise<string[]> {
  const { events } = JSON.parse(await o.flotilla('show', id, '--json')) as { events: StatusEvent[] };
  return events.filter((e) => e.kind === 'status').map((e) => `${e.toStatus} (${e.detail ?? ''})`);
}

/**
 * Kills the session; no process of the test's HOME may stay. Looked at for up to 5 s: a process the host forks
 * meanwhile (its git, before exec) shows the host's argv and is not yet among the host's children it knows.
 */
async function killAndCheck(id: string): Promise<void> {
  await o.flotilla('kill', id);
  await waitFor(() => o.agentProcesses().length === 0, { timeoutMs: 5000, what: 'no process left' }).catch(() => {
    expect(o.agentProcesses()).toEqual([]);
  });
}

/** The user's own plugin, in their own opencode.json: it logs every tool call to `log`. */
function addUserPlugin(home: string): string {
  const log = path.join(home, 'user-plugin.log');
  const file = path.join(home, 'user-plugin.js');
  writeFileSync(
    file,
    `import { appendFileSync } from 'node:fs';\n` +
      `export const UserPlugin = async () => ({\n` +
      `  'tool.execute.after': async (input) => appendFileSync(${JSON.stringify(log)}, input.tool + '\\n'),\n` +
      `});\n`,
  );
  const configFile = path.join(home, '.config', 'opencode', 'opencode.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(configFile, JSON.stringify({ ...config, plugin: [file] }, null, 2));
  return log;
}

if (!opencodeCli.bin) console.log(`real opencode hooks suite skipped: ${opencodeCli.missing}`);

describe.skipIf(!opencodeCli.bin)('real opencode: status from Flotilla’s plugin, the screen second', () => {
  it(
    'a bash call asks: waiting; approve; idle from session.idle; the user’s config and plugin still apply; nothing added to the worktree',
    { timeout: 180_000 },
    async () => {
      sources = undefined;
      await o.start(makeFile);
      const userLog = addUserPlugin(o.home);
      const { id } = await o.newSession('make the file');
      const waiting = await waitStatus(id, 'waiting');
      // The panel is drawn as the plugin posts permission.asked: either may be first.
      expect(['hook', 'screen']).toContain(waiting.statusSource);
      await o.questionShown(id, /^Permission required$/);
      await o.flotilla('approve', id);
      await o.screenShows(id, /Wrote made\.txt for you\./);
      const idle = await waitStatus(id, 'idle');
      expect(idle.statusSource).toBe('hook');
      expect(readFileSync(path.join(waiting.worktreePath, 'made.txt'), 'utf8')).toBe('approved\n');
      const changes = await statusChanges(id);
      console.log(`real opencode with its plugin, status changes: ${changes.join(', ')}`);
      expect(changes.at(-1)).toBe('idle (hook: Stop)');
      // The user's own opencode.json still applies (its scripted model answered), and their plugin ran too.
      expect(existsSync(userLog) && readFileSync(userLog, 'utf8')).toBe('bash\n');
      const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
        cwd: waiting.worktreePath,
        encoding: 'utf8',
      });
      expect(status.trim().split('\n')).toEqual(['?? made.txt']);
      await killAndCheck(id);
    },
  );

  it('the screen reader blind: waiting, running, idle still come from the plugin', { timeout: 180_000 }, async () => {
    sources = 'hook';
    await o.start(makeFile);
    const { id } = await o.newSession('make the file');
    const waiting = await waitStatus(id, 'waiting');
    expect(waiting.statusSource).toBe('hook');
    // Blind, no question is read off the screen: answered with the panel's key, as a user in the terminal would.
    expect(waiting.question).toBeNull();
    await o.screenShows(id, /Permission required/);
    await o.flotilla('send', id, '\r', '--no-enter');
    await waitFor(() => existsSync(path.join(waiting.worktreePath, 'made.txt')), {
      timeoutMs: 30_000,
      what: 'made.txt',
    });
    await o.screenShows(id, /Wrote made\.txt for you\./);
    const idle = await waitStatus(id, 'idle');
    expect(idle.statusSource).toBe('hook');
    const changes = await statusChanges(id);
    const fromWaiting = changes.slice(changes.findIndex((c) => c.startsWith('waiting')));
    expect(fromWaiting.map((c) => c.split(' ')[0])).toEqual(['waiting', 'running', 'idle']);
    expect(fromWaiting.every((c) => c.includes('(hook: '))).toBe(true);
    await killAndCheck(id);
  });
});
