import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { toolCall } from '../test-support/model-server/model-server.js';
import { claudeCli, reportSkippedClaude, useRealClaude, writeRules } from '../test-support/real-claude.js';

/**
 * The real Claude Code's own hooks (2.1.197) through a real host: the status comes from them first and from
 * the screen second, and still comes right with either source removed (FLOTILLA_STATUS_SOURCES). Run alone:
 *   npx vitest run electron/providers/real-claude-hooks.test.ts
 * FLOTILLA_MEASURE=1 also prints the time from the model's tool call to `waiting`, hooks vs screen only.
 */
const c = useRealClaude();
let sources: string | undefined;
const plainEnv = c.env;
c.env = () => ({ ...plainEnv(), ...(sources ? { FLOTILLA_STATUS_SOURCES: sources } : {}) });
const MEASURE_ROUNDS = process.env.FLOTILLA_MEASURE === '1' ? 5 : 0;

/** A host whose status sources are `only` (undefined: both). */
async function hostWith(only: string | undefined): Promise<void> {
  await c.stopHost();
  sources = only;
  await c.startHost();
}

const events = async (id: string) => c.flotilla('show', id);

/**
 * `rounds` Write -> waiting -> approve -> idle rounds; resolves with each round's time from the model's tool
 * call (the scripted reply leaving the server) to the host recording `waiting` (statusSince).
 */
async function measure(
  session: Session,
  rounds: number,
  answer = (id: string) => c.flotilla('approve', id),
): Promise<string[]> {
  const times: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const name = `m${i}.txt`;
    let calledAt = 0;
    // The session's first rules answer the tool result ("Done with …").
    c.model.addRules({
      when: (r) => r.lastUserText.includes(`create ${name}`) && (calledAt = Date.now()) > 0,
      reply: toolCall('Write', { file_path: path.join(session.worktreePath, name), content: `${i}\n` }),
      times: 1,
    });
    await c.say(session.id, `create ${name}`);
    const waiting = await c.waitStatus(session.id, 'waiting');
    times.push(`${Date.parse(waiting.statusSince!) - calledAt} ms (${waiting.statusSource})`);
    await answer(session.id);
    await c.model.waitForRequest((r) => r.toolResults.some((t) => t.content.includes(name)));
    await c.waitStatus(session.id, 'idle');
  }
  return times;
}

const median = (xs: string[]) => xs.map((x) => parseInt(x, 10)).sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe.skipIf(!claudeCli.bin)('real Claude Code: status from its hooks, the screen second', () => {
  it(
    'a Write asks: waiting from the PermissionRequest hook; approve, then idle from Stop; the user’s own hooks still run; nothing added to the worktree',
    { timeout: 300_000 },
    async () => {
      // The user's own hook, in their own settings: Flotilla's --settings must not replace it.
      mkdirSync(path.join(c.home, '.claude'), { recursive: true });
      const userLog = path.join(c.home, 'user-hook.jsonl');
      writeFileSync(
        path.join(c.home, '.claude', 'settings.json'),
        JSON.stringify({
          hooks: {
            PostToolUse: [
              { matcher: '*', hooks: [{ type: 'command', command: `cat >> '${userLog}'; echo >> '${userLog}'` }] },
            ],
          },
        }),
      );
      const session = await c.start('create hello.txt', writeRules('create hello.txt', 'hello.txt', 'hello\n'));
      const waiting = await c.waitStatus(session.id, 'waiting');
      expect(waiting.question).toMatchObject({ text: 'Do you want to create hello.txt?' });
      // Claude Code draws the dialog while its PermissionRequest hook starts: either may be first.
      expect(['hook', 'screen']).toContain(waiting.statusSource);
      await c.flotilla('approve', session.id);
      await c.screenShows(session.id, /Done with hello\.txt\./);
      const idle = await c.waitStatus(session.id, 'idle');
      expect(readFileSync(path.join(session.worktreePath, 'hello.txt'), 'utf8')).toBe('hello\n');
      expect(idle.statusSource).toBe('hook');
      expect(Date.parse(idle.statusSince!)).toBeGreaterThan(Date.parse(waiting.statusSince!));
      expect(await events(session.id)).toMatch(/→ idle {2}hook: Stop/);
      // The user's hook saw the Write too.
      expect(existsSync(userLog) && readFileSync(userLog, 'utf8')).toMatch(/"tool_name":"Write"/);
      // The session's diff holds the agent's file and nothing of Flotilla's.
      const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
        cwd: session.worktreePath,
        encoding: 'utf8',
      });
      expect(status.trim().split('\n')).toEqual(['?? hello.txt']);
      if (MEASURE_ROUNDS) {
        const times = await measure(session, MEASURE_ROUNDS);
        console.log(`tool call -> waiting with hooks: median ${median(times)} ms of ${times.join(', ')}`);
      }
      await c.killAndCheck(session.id);
    },
  );

  it('hooks broken (the host refuses them): the status still follows the screen', { timeout: 300_000 }, async () => {
    await hostWith('screen');
    const session = await c.start('create a.txt', writeRules('create a.txt', 'a.txt', 'a\n'));
    const waiting = await c.waitStatus(session.id, 'waiting');
    expect(waiting.question).toMatchObject({ text: 'Do you want to create a.txt?' });
    expect(waiting.statusSource).toBe('screen');
    await c.flotilla('approve', session.id);
    await c.screenShows(session.id, /Done with a\.txt\./);
    const idle = await c.waitStatus(session.id, 'idle');
    expect(idle.statusSource).toBe('screen');
    expect(await events(session.id)).not.toContain('hook:');
    if (MEASURE_ROUNDS) {
      const times = await measure(session, MEASURE_ROUNDS);
      console.log(`tool call -> waiting, screen only: median ${median(times)} ms of ${times.join(', ')}`);
    }
    await c.killAndCheck(session.id);
  });

  it('the screen reader blind: the status still comes right from the hooks', { timeout: 300_000 }, async () => {
    await hostWith('hook');
    const session = await c.newSession('create b.txt');
    c.model.addRules(...writeRules('create b.txt', 'b.txt', 'b\n')(session.worktreePath));
    // Blind, nothing reads the folder trust question: answered with its key, as a user in the terminal would.
    await c.screenShows(session.id, /Yes, I trust this folder/);
    await c.flotilla('send', session.id, '1', '--no-enter');
    await c.model.waitForRequest((r) => r.toolsOffered && r.lastUserText.includes('create b.txt'), 60_000);
    const waiting = await c.waitStatus(session.id, 'waiting');
    expect(waiting.statusSource).toBe('hook');
    // No question read off the screen, so approve has nothing to answer: it types nothing blind.
    expect(waiting.question).toBeNull();
    await expect(c.flotilla('approve', session.id)).rejects.toThrow(/not waiting for an answer/);
    await c.screenShows(session.id, /Do you want to create b\.txt\?/);
    await c.flotilla('send', session.id, '1', '--no-enter');
    await c.screenShows(session.id, /Done with b\.txt\./);
    const idle = await c.waitStatus(session.id, 'idle');
    expect(idle.statusSource).toBe('hook');
    expect(readFileSync(path.join(session.worktreePath, 'b.txt'), 'utf8')).toBe('b\n');
    if (MEASURE_ROUNDS) {
      const times = await measure(session, MEASURE_ROUNDS, (id) => c.flotilla('send', id, '1', '--no-enter'));
      console.log(`tool call -> waiting, hooks only: median ${median(times)} ms of ${times.join(', ')}`);
    }
    await c.killAndCheck(session.id);
  });
});

reportSkippedClaude();
