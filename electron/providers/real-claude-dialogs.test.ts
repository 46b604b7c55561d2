import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiError, stall, text, toolCall } from '../test-support/model-server/model-server.js';
import { claudeCli, reportSkippedClaude, useRealClaude } from '../test-support/real-claude.js';
import { waitFor } from '../test-support/wait-for.js';

/** The real Claude Code's other dialogs and states (test-support/real-claude.ts): choose, auto-yes, Edit, Bash, Esc, retries, errors. */
const c = useRealClaude();

describe.skipIf(!claudeCli.bin)('real Claude Code: its other dialogs and states', () => {
  it(
    'choose 2 ("allow all edits during this session"): the next Write is not asked',
    { timeout: 240_000 },
    async () => {
      const session = await c.start('write two files', (worktree) => [
        {
          when: 'write two files',
          reply: toolCall('Write', { file_path: path.join(worktree, 'a.txt'), content: 'a\n' }),
          times: 1,
        },
        {
          when: (r) => r.toolResults.some((t) => t.content.includes('a.txt')),
          reply: toolCall('Write', { file_path: path.join(worktree, 'b.txt'), content: 'b\n' }),
          times: 1,
        },
        { when: (r) => r.toolResults.length > 0, reply: text('Both written.') },
      ]);
      expect((await c.waitStatus(session.id, 'waiting')).question?.text).toBe('Do you want to create a.txt?');
      await c.flotilla('choose', session.id, '2');
      await c.screenShows(session.id, /Both written\./);
      expect(readFileSync(path.join(session.worktreePath, 'b.txt'), 'utf8')).toBe('b\n');
      const answers = (await c.flotilla('show', session.id)).split('\n').filter((l) => /approved|chose|denied/.test(l));
      // Answered twice (the folder trust, then a.txt with option 2); b.txt was never asked.
      expect(answers).toEqual([
        expect.stringContaining('Yes, I trust this folder'),
        expect.stringMatching(/chose {2}by user: option 2 .* Do you want to create a\.txt\?/),
      ]);
      await c.waitStatus(session.id, 'idle');
      await c.killAndCheck(session.id);
    },
  );

  it(
    'auto-yes approves the trust check and a Write by itself, and holds a force push for the user',
    { timeout: 240_000 },
    async () => {
      const created = await c.newSession('write then push', '--auto-yes');
      const id = created.id;
      // A push that would fail anyway (no remote): harmless if the guard ever let it through.
      c.model.addRules(
        {
          when: 'write then push',
          reply: toolCall('Write', { file_path: path.join(created.worktreePath, 'auto.txt'), content: 'auto\n' }),
          times: 1,
        },
        {
          when: (r) => r.toolResults.some((t) => t.content.includes('auto.txt')),
          reply: toolCall('Bash', { command: 'git push --force origin HEAD', description: 'Publish it' }),
          times: 1,
        },
        { when: (r) => r.toolResults.length > 0, reply: text('Pushed or not.') },
      );
      await waitFor(() => existsSync(path.join(created.worktreePath, 'auto.txt')), {
        timeoutMs: 90_000,
        what: 'auto.txt',
      });
      await c.screenShows(id, /Do you want to proceed\?/);
      await waitFor(async () => (await c.flotilla('show', id)).includes('auto-yes-blocked'), {
        timeoutMs: 10_000,
        intervalMs: 300,
        what: 'auto-yes to hold the push',
      });
      const held = await c.show(id);
      expect(held.status).toBe('waiting');
      expect(held.question?.detail).toContain('git push --force origin HEAD');
      await c.flotilla('deny', id);
      await c.waitStatus(id, 'idle');
      const shown = await c.flotilla('show', id);
      expect(shown.match(/approved {2}by auto-yes/g)).toHaveLength(2);
      await c.killAndCheck(id);
    },
  );

  it(
    'Read needs no answer; Edit and Bash ask with their real dialogs; approving each does it',
    { timeout: 240_000 },
    async () => {
      const session = await c.start('tidy the readme', (worktree) => {
        const readme = path.join(worktree, 'README.md');
        return [
          { when: 'tidy the readme', reply: toolCall('Read', { file_path: readme }), times: 1 },
          {
            when: (r) => r.toolResults.some((t) => t.content.includes('temp repo')),
            reply: toolCall('Edit', { file_path: readme, old_string: '# temp repo', new_string: '# tidy repo' }),
            times: 1,
          },
          {
            when: (r) => r.toolResults.some((t) => /updated/i.test(t.content)),
            reply: toolCall('Bash', { command: 'touch bash-ran.txt', description: 'Mark that Bash ran' }),
            times: 1,
          },
          { when: (r) => r.toolResults.length > 0, reply: text('All tidy.') },
        ];
      });
      const readme = path.join(session.worktreePath, 'README.md');
      const edit = await c.waitStatus(session.id, 'waiting');
      await c.record(session.id, 'permission-edit');
      expect(edit.question).toMatchObject({ text: 'Do you want to make this edit to README.md?' });
      expect(edit.question?.options[0]).toBe('Yes');
      expect(edit.question?.detail).toBe('Edit file\nREADME.md\n1 -# temp repo\n1 +# tidy repo');
      await c.flotilla('approve', session.id);
      await waitFor(() => readFileSync(readme, 'utf8') === '# tidy repo\n', { timeoutMs: 30_000, what: 'the edit' });

      await c.screenShows(session.id, /touch bash-ran\.txt/);
      const bash = await c.waitStatus(session.id, 'waiting');
      await c.record(session.id, 'permission-bash');
      expect(bash.question).toMatchObject({ text: 'Do you want to proceed?' });
      expect(bash.question?.detail).toContain('touch bash-ran.txt');
      await c.flotilla('approve', session.id);
      await waitFor(() => existsSync(path.join(session.worktreePath, 'bash-ran.txt')), {
        timeoutMs: 30_000,
        what: 'bash-ran.txt',
      });
      await c.screenShows(session.id, /All tidy\./);
      await c.waitStatus(session.id, 'idle');
      await c.killAndCheck(session.id);
    },
  );

  it(
    'Esc while the model stalls interrupts it (idle); a slowly streamed reply is running until it ends',
    { timeout: 240_000 },
    async () => {
      const never = stall('never sent');
      const session = await c.start('think forever', () => [
        { when: 'think forever', reply: never.reply, times: 1 },
        {
          when: 'stream slowly',
          reply: text('one two three four five six seven eight', { chunkDelayMs: 500, chunkSize: 4 }),
        },
      ]);
      await c.waitStatus(session.id, 'running', 30);
      await c.screenShows(session.id, /esc to interrupt/);
      await c.flotilla('send', session.id, '\x1b', '--no-enter');
      // Interrupted before any answer, Claude Code puts the prompt back into its input box to edit.
      await c.waitStatus(session.id, 'idle');
      const after = await c.screenShows(session.id, /❯\s+think forever\s*\n─+\s*$/m);
      expect(after).not.toContain('esc to interrupt');
      await c.record(session.id, 'interrupted-by-esc');

      await c.say(session.id, 'stream slowly'); // after the restored prompt: "think forever stream slowly"
      // 10 chunks 500 ms apart: the session is running while they arrive.
      // Claude Code shows the text once the reply is complete; while it streams, its spinner and "esc to interrupt".
      const during = await c.waitStatus(session.id, 'running', 5);
      expect(during.status).toBe('running');
      expect(await c.flotilla('screen', session.id)).toContain('esc to interrupt');
      expect((await c.show(session.id)).status).toBe('running');
      await c.screenShows(session.id, /one two three four five six seven eight/);
      await c.waitStatus(session.id, 'idle');
      await c.killAndCheck(session.id);
    },
  );

  it(
    'an overloaded API (529) is retried: running while it retries, then the answer; idle',
    { timeout: 240_000 },
    async () => {
      const session = await c.start('are you busy', () => [
        { when: 'are you busy', reply: apiError(529, 'overloaded_error', 'Overloaded'), times: 3 },
        { when: 'are you busy', reply: text('Free now.') },
      ]);
      await c.screenShows(session.id, /Retrying|attempt/i, 30_000);
      expect((await c.show(session.id)).status).toBe('running');
      await c.record(session.id, 'busy-retrying-529');
      await c.screenShows(session.id, /Free now\./, 60_000);
      await c.waitStatus(session.id, 'idle');
      expect(c.model.modelRequests().filter((r) => r.toolsOffered && r.lastUserText === 'are you busy')).toHaveLength(
        4,
      );
      await c.killAndCheck(session.id);
    },
  );

  it(
    'running while the model stalls; idle once it answers; an API error shows as an error question',
    { timeout: 240_000 },
    async () => {
      const held = stall('Thought it through.');
      const session = await c.start('think slowly', () => [
        { when: 'think slowly', reply: held.reply, times: 1 },
        { when: 'fail now', reply: apiError(400, 'invalid_request_error', 'scripted failure') },
      ]);
      await c.waitStatus(session.id, 'running', 30);
      await c.screenShows(session.id, /esc to interrupt/);
      await c.record(session.id, 'busy-stalled');
      held.release();
      await c.screenShows(session.id, /Thought it through\./);
      await c.waitStatus(session.id, 'idle');

      await c.say(session.id, 'fail now');
      await c.screenShows(session.id, /scripted failure/);
      await c.record(session.id, 'idle-after-api-error-400');
      const failed = await c.waitStatus(session.id, 'waiting');
      expect(failed.question).toMatchObject({ kind: 'error', text: expect.stringContaining('API Error') });
      await c.killAndCheck(session.id);
    },
  );
});

reportSkippedClaude();
