import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../shared/coordination.js';
import type { Session } from '../../shared/session.js';
import { text, toolCall, type RecordedRequest, type Rule } from '../test-support/model-server/model-server.js';
import { claudeCli, useRealClaude } from '../test-support/real-claude.js';
import { waitFor } from '../test-support/wait-for.js';
import { readHostFile } from '../host/host-file.js';
import { connectTestClient } from '../test-support/test-host.js';

/**
 * Flotilla's MCP server in the real Claude Code (setting agentMcp): the scripted model sees the flotilla tools
 * and calls mcp__flotilla__status and mcp__flotilla__send directly (no Bash); the server speaks for the session
 * with its own credential, so the message's sender is the Claude session. Run alone:
 *   flock /tmp/flotilla-realcli.lock npx vitest run electron/providers/real-claude-mcp.test.ts
 */
const c = useRealClaude();

const PROMPT = 'tell the reviewer you are done';
const REPORT = 'done: parser rewritten';
const NEXT = 'report to the reviewer now';

const toolNames = (r: RecordedRequest): string[] => {
  const tools = (r.body as { tools?: { name?: unknown }[] } | undefined)?.tools ?? [];
  return tools.map((tool) => String(tool.name));
};
const calls = (r: RecordedRequest) => r.messages.flatMap((m) => m.toolCalls);
const resultOf = (n: number) => (r: RecordedRequest) => r.toolResults.length > 0 && calls(r).length === n;

/**
 * The first turn only answers; the next one, typed into the session as a person would, uses the tools (the
 * server is up by then whether or not Claude Code waited for it at start).
 */
function script(reviewer: string): Rule[] {
  return [
    { when: PROMPT, reply: text('Ready when you are.'), times: 1 },
    { when: NEXT, reply: toolCall('mcp__flotilla__status', {}), times: 1 },
    { when: resultOf(1), reply: toolCall('mcp__flotilla__send', { to: reviewer, text: REPORT }), times: 1 },
    { when: resultOf(2), reply: text('Reported to the reviewer.'), times: 1 },
  ];
}

describe.skipIf(!claudeCli.bin)('Flotilla MCP server in the real Claude Code', () => {
  it(
    'the model calls status and send as MCP tools; the message is sent as the session',
    { timeout: 240_000 },
    async () => {
      // Off by default (see shared/settings.ts): switched on as a user would, before the session starts.
      const info = await readHostFile(c.temp.dataDir);
      const host = await connectTestClient({ port: info!.port, token: info!.token });
      await host.client.invoke('settings.set', { agentMcp: true }).finally(() => host.socket.close());
      const reviewerOut = await c.flotilla(
        'new',
        '--repo',
        c.temp.repo,
        '--provider',
        'shell',
        '--name',
        'reviewer',
        '--json',
      );
      const [reviewer] = JSON.parse(reviewerOut) as Session[];
      c.seen.add(reviewer!.id);
      const me = await c.newSession(PROMPT, '--auto-yes', '--name', 'worker');
      c.model.addRules(...script('reviewer'));

      await c.model.waitForRequest((r) => r.toolsOffered && r.lastUserText.includes(PROMPT), 90_000);
      await c.screenShows(me.id, /Ready when you are\./);
      await c.waitStatus(me.id, 'idle');
      const next = await c.say(me.id, NEXT);
      expect(toolNames(next)).toEqual(
        expect.arrayContaining(['mcp__flotilla__send', 'mcp__flotilla__status', 'mcp__flotilla__spawn']),
      );

      const afterStatus = await c.model.waitForRequest(resultOf(1), 90_000).catch(async (error: Error) => {
        throw new Error(
          `${error.message}\nscreen:\n${await c.flotilla('screen', me.id)}\nhistory:\n${await c.flotilla('show', me.id)}`,
        );
      });
      const status = afterStatus.toolResults[0]!;
      expect(status.isError, status.content).toBe(false);
      expect(JSON.parse(status.content)).toMatchObject({ me: { id: me.id, name: 'worker' } });

      const afterSend = await c.model.waitForRequest(resultOf(2), 90_000).catch(async (error: Error) => {
        throw new Error(
          `${error.message}\nscreen:\n${await c.flotilla('screen', me.id)}\nhistory:\n${await c.flotilla('show', me.id)}`,
        );
      });
      expect(afterSend.toolResults[0]!.isError, afterSend.toolResults[0]!.content).toBe(false);
      await c.screenShows(me.id, /Reported to the reviewer\./);

      const messages = await waitFor(
        async () => {
          const out = await c.flotilla('messages', reviewer!.id, '--json').catch(() => '');
          const list = out ? (JSON.parse(out) as AgentMessage[] | { messages: AgentMessage[] }) : [];
          const found = (Array.isArray(list) ? list : list.messages).filter((m) => m.text === REPORT);
          return found.length > 0 ? found : undefined;
        },
        { timeoutMs: 10_000, what: 'the message in the reviewer queue' },
      );
      expect(messages[0]).toMatchObject({ targetId: reviewer!.id, senderId: me.id, senderName: 'worker' });
      await c.killAndCheck(me.id);
    },
  );
});
