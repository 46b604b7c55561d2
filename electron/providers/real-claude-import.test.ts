import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportListResult } from '../../shared/imports.js';
import type { Session } from '../../shared/session.js';
import { runFlotilla } from '../test-support/cli-host.js';
import { text } from '../test-support/model-server/model-server.js';
import { claudeCli, reportSkippedClaude, useRealClaude } from '../test-support/real-claude.js';
import { waitFor } from '../test-support/wait-for.js';
import { claudeProjectName } from './claude.js';

/**
 * Issue 13 §5 with the real Claude Code: a conversation the user had by running `claude` in their checkout
 * (outside Flotilla) is listed by `flotilla import`, and importing it resumes it in a session of its own
 * worktree, with its history: the scripted model sees the earlier messages on the next prompt.
 */
reportSkippedClaude();

/** Runs the real Claude Code in print mode in `cwd`, as a user would in a terminal, outside Flotilla. */
function claudeDirectly(cwd: string, env: NodeJS.ProcessEnv, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(claudeCli.bin!, ['-p', prompt], { cwd, env, timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`claude -p failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end();
  });
}

describe.runIf(claudeCli.bin)('real Claude Code: importing a conversation started outside Flotilla', () => {
  const c = useRealClaude();

  // Two real Claude Code launches and a restart: the suite's 30 s default is too short on a busy machine.
  it(
    'lists it, resumes it in a new worktree with its history, marks it imported and refuses a second import',
    { timeout: 240_000 },
    async () => {
      c.model.addRules(
        { when: 'Remember the word PELICAN', reply: text('I will remember PELICAN.') },
        { when: 'Which word', reply: text('The word was PELICAN.') },
      );
      expect(await claudeDirectly(c.temp.repo, c.env(), 'Remember the word PELICAN')).toContain(
        'I will remember PELICAN',
      );

      const list = JSON.parse(await c.flotilla('import', '--repo', c.temp.repo, '--json')) as ImportListResult;
      expect(list.conversations).toHaveLength(1);
      const [found] = list.conversations;
      expect(found).toMatchObject({
        agent: 'claude',
        firstPrompt: 'Remember the word PELICAN',
        messageCount: 2,
        cwd: c.temp.repo,
        importedBy: null,
      });
      const original = readFileSync(found!.file, 'utf8');

      const session = JSON.parse(await c.flotilla('import', '--repo', c.temp.repo, found!.id, '--json')) as Session;
      c.seen.add(session.id);
      expect(session).toMatchObject({ provider: 'claude', conversationId: found!.id, status: 'running' });
      expect(session.worktreePath).not.toBe(c.temp.repo);
      await trustFolder(session.id);

      const request = await c.say(session.id, 'Which word did I ask you to remember?');
      const history = JSON.stringify(request.messages);
      expect(history).toContain('Remember the word PELICAN');
      expect(history).toContain('I will remember PELICAN.');
      await c.waitStatus(session.id, 'idle');

      // The user's own transcript is left as it was; the session continues a copy in its worktree's folder.
      expect(readFileSync(found!.file, 'utf8')).toBe(original);
      const copy = path.join(
        c.home,
        '.claude',
        'projects',
        claudeProjectName(session.worktreePath),
        `${found!.id}.jsonl`,
      );
      expect(existsSync(copy)).toBe(true);
      expect(readFileSync(copy, 'utf8')).toContain('Which word did I ask you to remember?');

      const again = JSON.parse(await c.flotilla('import', '--repo', c.temp.repo, '--json')) as ImportListResult;
      expect(again.conversations.map((conv) => [conv.id, conv.importedBy])).toEqual([[found!.id, session.id]]);
      const twice = await runFlotilla(['import', '--repo', c.temp.repo, found!.id], c.env());
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain(`already imported as session ${session.id}`);
      const latest = await runFlotilla(['import', '--repo', c.temp.repo, '--latest'], c.env());
      expect(latest.stderr).toMatch(/no Claude Code or Codex conversation .* left to import/);

      // Like any other session: killed and restarted, it resumes the same conversation again.
      await c.flotilla('kill', session.id);
      await c.flotilla('restart', session.id);
      await trustFolder(session.id);
      const afterRestart = await c.say(session.id, 'Which word again?');
      expect(JSON.stringify(afterRestart.messages)).toContain('Which word did I ask you to remember?');
      expect((await c.show(session.id)).conversationId).toBe(found!.id);
      await c.killAndCheck(session.id);
    },
  );

  /** A new worktree is a folder Claude Code has not seen: it asks whether to trust it first (or not, if it does not). */
  async function trustFolder(id: string): Promise<void> {
    const screen = await waitFor(
      async () => {
        const shown = await c.flotilla('screen', id);
        return /Yes, I trust this folder|❯/.test(shown) ? shown : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: `Claude Code's first screen in session ${id}` },
    );
    if (/Yes, I trust this folder/.test(screen)) {
      await c.waitStatus(id, 'waiting', 30);
      await c.flotilla('approve', id);
    }
  }
});
