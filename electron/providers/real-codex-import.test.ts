import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportListResult } from '../../shared/imports.js';
import type { Session } from '../../shared/session.js';
import { runFlotilla } from '../test-support/cli-host.js';
import { text } from '../test-support/model-server/model-server.js';
import { codexCli, useRealCodex } from '../test-support/real-codex.js';
import { sessionProcesses } from '../test-support/process-probe.js';

/**
 * Issue 13 §5 with the real Codex CLI: a conversation had by running `codex exec` in the checkout (outside
 * Flotilla) is listed by `flotilla import` and resumed by its id (`codex resume <id>`) in a session of its
 * own worktree: the scripted model sees the earlier messages on the next prompt.
 */
if (!codexCli.bin) console.warn(`real Codex import test skipped: ${codexCli.missing}`);

function codexDirectly(cwd: string, env: NodeJS.ProcessEnv, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(codexCli.bin!, ['exec', prompt], { cwd, env, timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`codex exec failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end();
  });
}

describe.runIf(codexCli.bin)('real Codex: importing a conversation started outside Flotilla', () => {
  const c = useRealCodex();

  it('lists it and resumes it by id in a new worktree with its history', { timeout: 120_000 }, async () => {
    await c.start([
      { when: 'Remember the word PELICAN', reply: text('I will remember PELICAN.') },
      { when: 'Which word', reply: text('The word was PELICAN.') },
    ]);
    expect(await codexDirectly(c.temp.repo, c.env(), 'Remember the word PELICAN')).toContain('I will remember PELICAN');

    const list = JSON.parse(await c.flotilla('import', '--repo', c.temp.repo, '--json')) as ImportListResult;
    expect(
      list.conversations.map((conv) => [conv.agent, conv.firstPrompt, conv.messageCount, conv.importedBy]),
    ).toEqual([['codex', 'Remember the word PELICAN', 2, null]]);
    const [found] = list.conversations;

    const session = JSON.parse(await c.flotilla('import', '--repo', c.temp.repo, found!.id, '--json')) as Session;
    c.seen.add(session.id);
    expect(session).toMatchObject({ provider: 'codex', conversationId: found!.id, status: 'running' });
    await c.questionShown(session.id, /^Trust this folder\?/);
    await c.flotilla('approve', session.id);
    await c.screenShows(session.id, /I will remember PELICAN\./);
    await c.flotilla('wait', session.id, '--status', 'idle', '--timeout', '60');

    await c.flotilla('send', session.id, 'Which word did I ask you to remember?', '--raw');
    const request = await c.server
      .waitForRequest((r) => r.lastUserText.includes('Which word'), 30_000)
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await c.flotilla('screen', session.id)}`);
      });
    expect(request.messages.some((m) => m.role === 'user' && m.text.includes('Remember the word PELICAN'))).toBe(true);
    expect(request.messages.some((m) => m.role === 'assistant' && m.text.includes('I will remember PELICAN.'))).toBe(
      true,
    );
    // Codex continues the same file (and id), now working in the worktree.
    expect(readFileSync(found!.file, 'utf8')).toContain('Which word did I ask you to remember?');
    // In the worktree, not the user's checkout: Codex's "Working directory · resume" question is answered by
    // tui.resume_cwd (without it the session stops on that question, offering the checkout first).
    expect(readFileSync(found!.file, 'utf8')).toContain(`"cwd":"${session.worktreePath}"`);

    const again = JSON.parse(await c.flotilla('import', '--repo', c.temp.repo, '--json')) as ImportListResult;
    expect(again.conversations.map((conv) => [conv.id, conv.importedBy])).toEqual([[found!.id, session.id]]);
    const twice = await runFlotilla(['import', '--repo', c.temp.repo, found!.id], c.env());
    expect([twice.code, twice.stderr]).toEqual([
      1,
      expect.stringContaining(`already imported as session ${session.id}`),
    ]);

    await c.flotilla('kill', session.id);
    expect(sessionProcesses([session.id])).toEqual([]);
    expect(c.codexProcesses()).toEqual([]);
  });
});
