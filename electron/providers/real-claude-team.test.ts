import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../shared/coordination.js';
import type { Session } from '../../shared/session.js';
import { connect } from '../cli/connect.js';
import { stall, text, toolCall, type RecordedRequest, type Rule } from '../test-support/model-server/model-server.js';
import { claudeCli, reportSkippedClaude, useRealClaude } from '../test-support/real-claude.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * Issue 14's "engineering manager" walkthrough through the real Claude Code against the scripted model: the
 * orchestrator (auto-yes) calls `flotilla spawn` twice and `flotilla send` once through its Bash tool, then
 * ends its turn. Each worker is a shell session whose first command reports back to its parent with
 * `flotilla send` (w1 once it read its task, the orchestrator's message); both reports wait in the queue while
 * the orchestrator works and reach its prompt as new turns once it is idle, without it polling. Run alone:
 *   flock /tmp/flotilla-build.lock flock /tmp/flotilla-realcli.lock npx vitest run electron/providers/real-claude-team.test.ts
 * (the host and every agent's `flotilla` run dist/: the build lock keeps a rebuild from swapping it mid-run).
 */
const c = useRealClaude();

const PROMPT = 'split the work between two workers';
// Typed as each worker's first command; its shell expands FLOTILLA_PARENT_ID (the single quotes keep Claude's
// Bash tool from expanding it in the orchestrator, where it is unset). w1 first reads its task: the
// orchestrator's message, typed into its shell as a line, which it sends back in its report.
const WORKERS: Record<string, string> = {
  w1: `read -r task; flotilla send "$FLOTILLA_PARENT_ID" "done: w1 ($task)"`,
  w2: `flotilla send "$FLOTILLA_PARENT_ID" "done: w2"`,
};
const spawn = (name: string) => `flotilla spawn '${WORKERS[name]}' --name ${name} --provider shell --wait 120`;
const TASK = 'start when ready';
const COMMANDS = [spawn('w1'), spawn('w2'), `flotilla send w1 '${TASK}'`];
const CLOSING = 'Dispatched w1 and w2; waiting for their reports.';

const toolCalls = (r: RecordedRequest) => r.messages.flatMap((m) => m.toolCalls);
const bashCalls = (r: RecordedRequest) => toolCalls(r).filter((t) => t.name === 'Bash');
/** A request answering the orchestrator's `n`th Bash call (1-based) with its result. */
const resultOf = (n: number) => (r: RecordedRequest) => r.toolResults.length > 0 && bashCalls(r).length === n;

/**
 * The orchestrator's script: the Bash calls one after the other, each once the previous one's result is in
 * (counted, not matched on output, so the rules do not depend on what `flotilla spawn` prints), then the
 * closing text, held back (`closing`) until the test releases it: the orchestrator is busy for certain while
 * the reports come in. A delivered message gets a short answer and no tool call, so nothing polls.
 */
function script(closing: Rule['reply']): Rule[] {
  return [
    { when: PROMPT, reply: toolCall('Bash', { command: COMMANDS[0], description: 'Spawn worker w1' }), times: 1 },
    { when: resultOf(1), reply: toolCall('Bash', { command: COMMANDS[1], description: 'Spawn worker w2' }), times: 1 },
    { when: resultOf(2), reply: toolCall('Bash', { command: COMMANDS[2], description: 'Message w1' }), times: 1 },
    { when: resultOf(3), reply: closing, times: 1 },
    { when: /message from/, reply: text('Noted.') },
  ];
}

/** The request carrying a delivered message that matches, typed into the orchestrator's prompt. */
const delivered = (pattern: RegExp) =>
  c.model.waitForRequest((r) => r.toolsOffered && pattern.test(r.lastUserText), 120_000);

const from = (s: Session) => `${s.name} \\(${s.id.slice(0, 8)}\\)`;
const isReport = (m: AgentMessage) => /^done: w[12]\b/.test(m.text);
/** What each worker reports: w1 its task as its shell read it (the delivery line from em), w2 just done. */
const reportOf = (w: Session, em: Session) =>
  w.name === 'w1' ? `done: w1 (: '[message from em (${em.id.slice(0, 8)})] ${TASK}')` : `done: ${w.name}`;
const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!claudeCli.bin)('real Claude Code as an engineering manager (issue 14)', () => {
  it(
    'spawns two shell workers with flotilla spawn --wait, sends w1 its task, ends its turn; both reports, queued while it worked, arrive as new turns',
    { timeout: 300_000 },
    async () => {
      const t0 = Date.now();
      const lap = (what: string) => console.log(`real-claude-team: ${what} after ${Date.now() - t0} ms`);
      const hold = stall(CLOSING);
      const em = await c.newSession(PROMPT, '--auto-yes', '--name', 'em');
      c.model.addRules(...script(hold.reply));
      const client = await connect(c.temp.dataDir);
      const messagesOf = async (id: string) => (await client.invoke('message.list', { id })).messages;
      try {
        // Each Bash call ran and succeeded (auto-yes approved its dialog): the next request carries its result.
        const outputs: string[] = [];
        let closing: RecordedRequest | undefined;
        for (let n = 1; n <= COMMANDS.length; n++) {
          closing = await c.model.waitForRequest(resultOf(n), 120_000).catch(async (error: Error) => {
            throw new Error(`${error.message}\nscreen:\n${await c.flotilla('screen', em.id)}`);
          });
          const result = closing.toolResults[0]!;
          expect(result.isError, `${COMMANDS[n - 1]} -> ${result.content}`).toBe(false);
          outputs.push(result.content);
          lap(`Bash call ${n} done`);
        }

        // The children: parent recorded, based on the orchestrator's branch.
        const sessions = JSON.parse(await c.flotilla('ls', '--json')) as Session[];
        const workers = ['w1', 'w2'].map((name) => {
          const worker = sessions.find((s) => s.name === name);
          expect(worker, `${name} among ${sessions.map((s) => s.name).join(', ')}`).toBeDefined();
          c.seen.add(worker!.id);
          expect(worker).toMatchObject({ provider: 'shell', parentId: em.id, baseBranch: em.branch });
          return worker!;
        });
        // What Claude read back from `flotilla spawn`: the child's id (the first line).
        expect(outputs.slice(0, 2).map((out) => out.split('\n')[0])).toEqual(workers.map((w) => w.id));

        // Its reply still streaming, the orchestrator is at work: both reports wait in its queue.
        const queued = await waitFor(
          async () => {
            const reports = (await messagesOf(em.id)).filter(isReport);
            return reports.length === 2 && reports;
          },
          { timeoutMs: 60_000, what: 'both reports sent to the orchestrator' },
        );
        expect(queued.map((m) => m.state)).toEqual(['queued', 'queued']);
        expect((await c.show(em.id)).status).toBe('running');
        lap('both reports queued while it works');
        const releasedAt = Date.now();
        hold.release();
        await c.screenShows(em.id, new RegExp(CLOSING.slice(0, 20)));

        // Once it ended its turn (idle), each report, and each --wait notice, is a turn of its own.
        const turns = await Promise.all([
          ...workers.map((w) => delivered(new RegExp(`^\\[message from ${from(w)}\\] ${escape(reportOf(w, em))}$`))),
          ...workers.map((w) => delivered(new RegExp(`^\\[message from flotilla\\] ${from(w)} is idle`))),
        ]);
        lap(`both reports and both notices delivered (${turns.length} turns)`);
        for (const turn of turns) expect(turn.seq).toBeGreaterThan(closing!.seq);
        await c.waitStatus(em.id, 'idle');
        // Nothing polled: its only tool calls, to the end, are the three Bash calls.
        const calls = c.model.modelRequests().filter((r) => r.toolsOffered);
        expect(toolCalls(calls.at(-1)!).map((call) => (call.input as { command: string }).command)).toEqual(COMMANDS);

        // The host's record: both reports delivered after the turn ended; its own message to w1 sent by "em".
        const mine = (await messagesOf(em.id)).filter(isReport);
        expect(mine).toHaveLength(2);
        expect(mine).toEqual(
          expect.arrayContaining(
            workers.map((w) =>
              expect.objectContaining({
                targetId: em.id,
                senderId: w.id,
                senderName: w.name,
                text: reportOf(w, em),
                state: 'delivered',
              }),
            ),
          ),
        );
        for (const m of mine) expect(Date.parse(m.settledAt!)).toBeGreaterThan(releasedAt);
        expect(await messagesOf(workers[0]!.id)).toContainEqual(
          expect.objectContaining({
            targetId: workers[0]!.id,
            senderId: em.id,
            senderName: 'em',
            text: TASK,
            state: 'delivered',
          }),
        );
        lap('checked');
        for (const worker of workers) await c.killAndCheck(worker.id);
        await c.killAndCheck(em.id);
      } finally {
        hold.release();
        client.close();
      }
    },
  );
});

reportSkippedClaude();
