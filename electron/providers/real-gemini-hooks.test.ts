import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { text, toolCall, type Rule } from '../test-support/model-server/model-server.js';
import { geminiCli, useRealGemini } from '../test-support/real-gemini.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * The real Gemini CLI's own hooks (0.61.0) through a real host, against the scripted model: the status
 * comes from them first and the screen second, and still comes right with the screen reader blind
 * (FLOTILLA_STATUS_SOURCES=hook). Run alone: npx vitest run electron/providers/real-gemini-hooks.test.ts
 */
const g = useRealGemini();
let sources: string | undefined;
const plainEnv = g.env;
g.env = () => ({ ...plainEnv(), ...(sources ? { FLOTILLA_STATUS_SOURCES: sources } : {}) });

const WRITE = "printf 'approved\\n' > made.txt";
const QUESTION = /^Allow execution of \[Shell\]\?$/;
const makeFile: Rule[] = [
  { when: 'make the file', times: 1, reply: toolCall('run_shell_command', { command: WRITE, description: 'Write' }) },
  { when: (r) => r.toolResults.length > 0, reply: text('Wrote made.txt for you.') },
];

interface StatusEvent {
  kind: string;
  fromStatus: string | null;
  toStatus?: string;
  detail: string | null;
  at: string;
}
/** The session's status changes as "from>to detail". */
async function changes(id: string): Promise<string[]> {
  const { events } = JSON.parse(await g.flotilla('show', id, '--json')) as { events: StatusEvent[] };
  return events.filter((e) => e.kind === 'status').map((e) => `${e.fromStatus}>${e.toStatus} ${e.detail ?? ''}`);
}
async function changesAt(id: string): Promise<string> {
  const { events } = JSON.parse(await g.flotilla('show', id, '--json')) as { events: StatusEvent[] };
  return events
    .filter((e) => e.kind === 'status')
    .map((e) => `${e.at.slice(11)} ${e.fromStatus}>${e.toStatus} ${e.detail ?? ''}`)
    .join('\n');
}

describe.skipIf(!geminiCli.bin)('real Gemini CLI: status from its hooks, the screen second', () => {
  it(
    'a shell command asks: waiting; approve, then idle from AfterAgent; the user’s own hook still runs; nothing added to the worktree',
    { timeout: 180_000 },
    async () => {
      sources = undefined;
      await g.start(makeFile);
      // The user's own hook, in their own ~/.gemini/settings.json: Flotilla's hooks must not replace it.
      const userLog = path.join(g.home, 'user-hook.jsonl');
      const settingsFile = path.join(g.home, '.gemini', 'settings.json');
      const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      const userHook = { type: 'command', command: `cat >> '${userLog}'; echo >> '${userLog}'` };
      const own = { ...settings, hooks: { AfterTool: [{ matcher: '*', hooks: [userHook] }] } };
      writeFileSync(settingsFile, JSON.stringify(own));
      const { id, worktreePath } = await g.newSession('make the file');
      const waiting = await g.questionShown(id, QUESTION);
      // Gemini awaits its Notification hook before drawing the confirmation: either may reach the host first.
      expect(['hook', 'screen']).toContain(waiting.statusSource);
      await g.flotilla('approve', id);
      await g.screenShows(id, /Wrote made\.txt for you\./);
      await g.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
      // The turn's end is idle from the AfterAgent hook (Stop). Gemini then spins "Executing Hook: flotilla-Stop"
      // for 3 s, which the screen may still read as work for a moment (see the report of this change).
      await waitFor(async () => /running>idle hook: Stop/.test(await changesAt(id)), {
        timeoutMs: 10_000,
        what: 'idle from the Stop hook',
      }).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await changesAt(id)}`);
      });
      expect(readFileSync(path.join(worktreePath, 'made.txt'), 'utf8')).toBe('approved\n');
      // The user's hook saw the command too, and their settings file is as they wrote it.
      await waitFor(() => existsSync(userLog), { timeoutMs: 10_000, what: 'the user hook log' });
      expect(readFileSync(userLog, 'utf8')).toMatch(/"tool_name":"run_shell_command"/);
      expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual(own);
      // The session's diff holds the agent's file and nothing of Flotilla's.
      const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
        cwd: worktreePath,
        encoding: 'utf8',
      });
      expect(status.trim().split('\n')).toEqual(['?? made.txt']);
      await g.flotilla('kill', id);
      expect(g.agentProcesses()).toEqual([]);
    },
  );

  it('the screen reader blind: waiting, running and idle come from the hooks', { timeout: 180_000 }, async () => {
    sources = 'hook';
    await g.start(makeFile);
    const { id, worktreePath } = await g.newSession('make the file');
    await g.flotilla('wait', id, '--status', 'waiting', '--timeout', '60');
    const waiting = await g.show(id);
    expect(waiting.statusSource).toBe('hook');
    // No question read off the screen: answered with its key, as a user in the terminal would.
    expect(waiting.question).toBeNull();
    await g.screenShows(id, /Allow execution of \[Shell\]\?/);
    await g.flotilla('send', id, '1', '--no-enter');
    await g.flotilla('wait', id, '--status', 'idle', '--timeout', '30');
    expect(readFileSync(path.join(worktreePath, 'made.txt'), 'utf8')).toBe('approved\n');
    // Before the first turn the blind reader may flip running/idle on Gemini's start-up (no hook yet); from
    // the permission on, every change is a hook's.
    const seen = await changes(id);
    expect(seen.slice(-3), seen.join('\n')).toEqual([
      'running>waiting hook: PermissionRequest',
      'waiting>running hook: PostToolUse run_shell_command',
      'running>idle hook: Stop',
    ]);
    await g.flotilla('kill', id);
    expect(g.agentProcesses()).toEqual([]);
  });
});
