import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../shared/coordination.js';
import type { Session } from '../../shared/session.js';
import { connect } from '../cli/connect.js';
import { text, toolCall, type RecordedRequest, type Rule } from '../test-support/model-server/model-server.js';
import { claudeCli, reportSkippedClaude, useRealClaude } from '../test-support/real-claude.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * Issue 14's "engineering manager" walkthrough through the real Claude Code against the scripted model: the
 * orchestrator (auto-yes) calls `flotilla spawn` twice and `flotilla send` once through its Bash tool, then
 * ends its turn. Each worker is a shell session whose first command reports back to its parent with
 * `flotilla send`; both reports reach the orchestrator's prompt as new turns without it polling. Run alone:
 *   flock /tmp/flotilla-build.lock flock /tmp/flotilla-realcli.lock npx vitest run electron/providers/real-claude-team.test.ts
 * (the host and every agent's `flotilla` run dist/: the build lock keeps a rebuild from swapping it mid-run).
 */
const c = useRealClaude();

const PROMPT = 'split the work between two workers';
// Typed as each worker's first command; its shell expands FLOTILLA_PARENT_ID (the single quotes keep Claude's
// Bash tool from expanding it in the orchestrator, where it is unset).
const report = (name: string) => `flotilla send "$FLOTILLA_PARENT_ID" "done: ${name}"`;
const spawn = (name: string) => `flotilla spawn '${report(name)}' --name ${name} --provider shell --wait 120`;
const COMMANDS = [spawn('w1'), spawn('w2'), `flotilla send w1 'start when ready'`];
const CLOSING = 'Dispatched w1 and w2; waiting for their reports.';

const toolCalls = (r: RecordedRequest) => r.messages.flatMap((m) => m.toolCalls);
const bashCalls = (r: RecordedRequest) => toolCalls(r).filter((t) => t.name === 'Bash');
/** A request answering the orchestrator's `n`th Bash call (1-based) with its result. */
const resultOf = (n: number) => (r: RecordedRequest) => r.toolResults.length > 0 && bashCalls(r).length === n;

/**
 * The orchestrator's script: the Bash calls one after the other, each once the previous one's result is in
 * (counted, not matched on output, so the rules do not depend on what `flotilla spawn` prints), then the
 * closing text; a delivered message gets a short answer and no tool call, so nothing polls.
 */
function script(): Rule[] {
  return [
    { when: PROMPT, reply: toolCall('Bash', { command: COMMANDS[0], description: 'Spawn worker w1' }), times: 1 },
    { when: resultOf(1), reply: toolCall('Bash', { command: COMMANDS[1], description: 'Spawn worker w2' }), times: 1 },
    { when: resultOf(2), reply: toolCall('Bash', { command: COMMANDS[2], description: 'Message w1' }), times: 1 },
    { when: resultOf(3), reply: text(CLOSING), times: 1 },
    { when: /message from/, reply: text('Noted.') },
  ];
}

/** The request carrying a delivered message that matches, typed into the orchestrator's prompt. */
const delivered = (pattern: RegExp) =>
  c.model.waitForRequest((r) => r.toolsOffered && pattern.test(r.lastUserText), 120_000);

describe.skipIf(!claudeCli.bin)('real Claude Code as an engineering manager (issue 14)', () => {
  it(
    'spawns two shell workers with flotilla spawn --wait, messages one, goes idle; both reports arrive as new turns',
    { timeout: 300_000 },
    async () => {
      const t0 = Date.now();
      const lap = (what: string) => console.log(`real-claude-team: ${what} after ${Date.now() - t0} ms`);
      const em = await c.newSession(PROMPT, '--auto-yes', '--name', 'em');
      c.model.addRules(...script());

      // Each Bash call ran and succeeded (auto-yes approved its dialog): the next request carries its result.
      const outputs: string[] = [];
      let closing: RecordedRequest | undefined;
      for (let n = 1; n <= COMMANDS.length; n++) {
        const next = await c.model.waitForRequest(resultOf(n), 120_000).catch(async (error: Error) => {
          throw new Error(`${error.message}\nscreen:\n${await c.flotilla('screen', em.id)}`);
        });
        const result = next.toolResults[0]!;
        expect(result.isError, `${COMMANDS[n - 1]} -> ${result.content}`).toBe(false);
        outputs.push(result.content);
        closing = next;
        lap(`Bash call ${n} done`);
      }
      await c.screenShows(em.id, new RegExp(CLOSING.slice(0, 20)));

      // The children: parent recorded, based on the orchestrator's branch.
      const sessions = JSON.parse(await c.flotilla('ls', '--json')) as Session[];
      const workers = ['w1', 'w2'].map((name) => sessions.find((s) => s.name === name));
      for (const worker of workers) {
        expect(worker, `worker among ${sessions.map((s) => s.name).join(', ')}`).toBeDefined();
        c.seen.add(worker!.id);
        expect(worker).toMatchObject({ provider: 'shell', parentId: em.id, baseBranch: em.branch });
      }
      // What Claude read back from `flotilla spawn`: the child's id (the first line).
      expect(outputs[0]!.split('\n')[0]).toBe(workers[0]!.id);
      expect(outputs[1]!.split('\n')[0]).toBe(workers[1]!.id);

      // Both reports, and the --wait notices, reach Claude's prompt as turns of their own, typed once it had
      // ended its turn (idle): nothing in it asked for them. Its only tool calls are the three Bash calls.
      const w1 = await delivered(new RegExp(`^\\[message from w1 \\(${workers[0]!.id.slice(0, 8)}\\)\\] done: w1$`));
      const w2 = await delivered(new RegExp(`^\\[message from w2 \\(${workers[1]!.id.slice(0, 8)}\\)\\] done: w2$`));
      lap('both reports delivered');
      lap(
        `${c.model.modelRequests().filter((r) => r.toolsOffered && r.seq > closing!.seq).length} turns after the closing`,
      );
      for (const worker of workers)
        await delivered(
          new RegExp(`^\\[message from flotilla\\] ${worker!.name} \\(${worker!.id.slice(0, 8)}\\) is idle`),
        );
      for (const turn of [w1, w2]) expect(turn.seq).toBeGreaterThan(closing!.seq);
      await c.waitStatus(em.id, 'idle');
      const calls = c.model.modelRequests().filter((r) => r.toolsOffered);
      expect(toolCalls(calls.at(-1)!).map((call) => (call.input as { command: string }).command)).toEqual(COMMANDS);

      // The host's record: both reports delivered to the orchestrator, its own message to w1 sent by "em".
      const client = await connect(c.temp.dataDir);
      try {
        const isReport = (m: AgentMessage) => m.state === 'delivered' && /^done: w[12]$/.test(m.text);
        const mine = await waitFor(
          async () => {
            const list = (await client.invoke('message.list', { id: em.id })).messages;
            return list.filter(isReport).length >= 2 && list;
          },
          { timeoutMs: 10_000, what: 'the reports delivered in message.list' },
        );
        workers.forEach((worker, i) =>
          expect(mine).toContainEqual(
            expect.objectContaining({
              targetId: em.id,
              senderId: worker!.id,
              senderName: `w${i + 1}`,
              text: `done: w${i + 1}`,
              state: 'delivered',
            }),
          ),
        );
        // Its own message to w1 says who sent it.
        const toW1 = (await client.invoke('message.list', { id: workers[0]!.id })).messages;
        expect(toW1).toContainEqual(
          expect.objectContaining({
            targetId: workers[0]!.id,
            senderId: em.id,
            senderName: 'em',
            text: 'start when ready',
          }),
        );
      } finally {
        client.close();
      }
      lap('checked');
      for (const worker of workers) await c.killAndCheck(worker!.id);
      await c.killAndCheck(em.id);
    },
  );
});

reportSkippedClaude();
