import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../shared/agent-events.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitFor, waitForStatus } from '../../test-support/wait-for.js';

// The demo agent writes its conversation as Claude Code does (demo-events.ts): the engine tails it, records
// typed events in SQLite and pushes them; real ptys, real files, real database, a real restart.

const engine = useTestEngine();

const kinds = (events: AgentEvent[]) => events.map((e) => e.kind);

async function eventsOf(id: string, count: number): Promise<AgentEvent[]> {
  return waitFor(
    () => {
      const events = engine.tm.manager.agentEvents(id);
      return events.length >= count && events;
    },
    { timeoutMs: 10_000, what: `${count} agent events of ${id}` },
  );
}

describe('agent events from the transcript', () => {
  it('a prompt, its Write approved: the events in order, once, pushed to clients as they are recorded', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'add a readme' });
    const id = session!.id;
    await waitForStatus(engine.tm.manager, id, 'waiting');
    await engine.tm.manager.approve(id);
    await waitForStatus(engine.tm.manager, id, 'idle');
    const events = await eventsOf(id, 6);
    expect(kinds(events)).toEqual([
      'message.user',
      'message.assistant',
      'tool.invoked',
      'tool.completed',
      'file.created',
      'message.assistant',
    ]);
    const file = path.join(session!.worktreePath, 'add-a-readme.txt');
    expect(events[0]).toMatchObject({ text: 'add a readme', source: 'transcript', sessionId: id });
    expect(events[2]).toMatchObject({ tool: 'Write', path: file });
    expect(events[3]).toMatchObject({ tool: 'Write', outcome: 'ok', callId: events[2]!.callId, path: file });
    expect(events[4]).toMatchObject({ path: file, tool: 'Write' });
    // Pushed as recorded: every stored event went out once, in order.
    const pushed = engine.tm.events.flatMap((e) => (e.name === 'session.agentEvent' ? e.payload.events : []));
    expect(pushed.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(engine.tm.manager.agentEvents(id, events[3]!.seq).map((e) => e.seq)).toEqual([
      events[4]!.seq,
      events[5]!.seq,
    ]);
  });

  it('a refused Write completes as denied; after a host restart and resume the next prompt adds only new events', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'first' });
    const id = session!.id;
    await waitForStatus(engine.tm.manager, id, 'waiting');
    await engine.tm.manager.deny(id);
    await waitForStatus(engine.tm.manager, id, 'idle');
    const before = await eventsOf(id, 4);
    expect(kinds(before)).toEqual(['message.user', 'message.assistant', 'tool.invoked', 'tool.completed']);
    expect(before[3]).toMatchObject({ outcome: 'denied' });

    await engine.reopen();
    expect(engine.tm.manager.get(id).status).toBe('paused');
    await engine.tm.manager.resume([id]);
    await waitForStatus(engine.tm.manager, id, 'idle');
    await engine.tm.manager.send(id, 'second');
    await waitForStatus(engine.tm.manager, id, 'waiting');
    const after = await eventsOf(id, 7);
    // The transcript was read again from its saved offset: nothing of the first prompt twice.
    expect(after.slice(0, 4)).toEqual(before);
    expect(kinds(after.slice(4))).toEqual(['message.user', 'message.assistant', 'tool.invoked']);
    expect(after[4]).toMatchObject({ text: 'second' });
  });

  it('removing a session removes its events', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'gone' });
    await waitForStatus(engine.tm.manager, session!.id, 'waiting');
    await eventsOf(session!.id, 3);
    await engine.tm.manager.remove(session!.id, true);
    const count = engine.tm.manager['db'].prepare('SELECT COUNT(*) AS n FROM agent_events').get() as { n: number };
    expect(count.n).toBe(0);
  });
});
