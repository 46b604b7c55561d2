import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runFlotilla } from './cli-host.js';
import type { RecordedRequest } from './model-server/model-server.js';
import type { RealAgent } from './real-agent.js';

interface StatusEvent {
  kind: string;
  fromStatus?: string;
  toStatus?: string;
}

export interface LongRunResult {
  /** Per round: the scripted model's tool-call request -> `waiting` reaching a listening client (ms). */
  latencies: number[];
  /** Status changes beyond the expected ones (a wrong or extra state), and the full list. */
  extra: number;
  changes: string[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * `rounds` rounds of "round k" -> the model's tool call writing round-k.txt -> the CLI's dialog -> approve ->
 * the answer -> idle, in one session; times each dialog from the model's request to `waiting` at a client,
 * and returns the session's status changes against the expected cycle (none missing, none extra).
 */
export async function longRun(
  a: RealAgent,
  rounds: number,
  question: RegExp,
  isToolCall: (request: RecordedRequest) => boolean,
): Promise<LongRunResult> {
  const session = await a.newSession('round 1');
  const id = session.id;
  const latencies: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const seen = a.server.requests.length;
    const called = a.server
      .waitForRequest((r) => r.seq >= seen && isToolCall(r) && r.lastUserText.includes(`round ${round}`), 90_000)
      .then(() => Date.now());
    // `flotilla wait` listens to the host's session.status events: it exits as the client learns of `waiting`.
    const waited = runFlotilla(['wait', id, '--status', 'waiting', '--timeout', '90'], a.env(), 100_000).then((run) => {
      if (run.code !== 0) throw new Error(`round ${round}: flotilla wait exited ${run.code}: ${run.stderr}`);
      return Date.now();
    });
    if (round > 1) {
      // Give the listener its start (a node process) before the prompt goes out.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await a.flotilla('send', id, `round ${round}`, '--raw');
    }
    const [calledAt, waitingAt] = await Promise.all([called, waited]);
    latencies.push(waitingAt - calledAt);
    await a.questionShown(id, question, 60_000);
    await a.flotilla('approve', id);
    await a.flotilla('wait', id, '--status', 'idle', '--timeout', '60');
    expect(existsSync(path.join(session.worktreePath, `round-${round}.txt`)), `round ${round}`).toBe(true);
  }
  const events = (JSON.parse(await a.flotilla('show', id, '--json')) as { events: StatusEvent[] }).events;
  const changes = events.filter((e) => e.kind === 'status').map((e) => `${e.fromStatus}>${e.toStatus}`);
  await a.flotilla('kill', id);
  return { latencies, extra: changes.length - expectedChanges(rounds).length, changes };
}

/** The status changes a long run of `rounds` rounds should make, in order. */
export function expectedChanges(rounds: number): string[] {
  const expected = ['creating>running'];
  for (let k = 1; k <= rounds; k++)
    expected.push(...(k > 1 ? ['idle>running'] : []), 'running>waiting', 'waiting>running', 'running>idle');
  return expected;
}
