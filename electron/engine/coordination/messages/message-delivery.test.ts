import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../../../shared/coordination.js';
import type { Session } from '../../../../shared/session.js';
import { useTestEngine } from '../../../test-support/test-engine.js';
import { waitForEvents, waitForScreen, waitForStatus } from '../../../test-support/wait-for.js';
import { USER_SENDER } from '../sender.js';
import { SETTLE_MS } from './message-delivery.js';

// Messages typed into real demo and shell agents (real ptys, real SQLite): the three modes against an idle
// and a busy target, their order, a paused target, an ended or removed one.

const engine = useTestEngine();
const W1 = { id: 'feedc0de', name: 'orchestrator' };

async function demo(name: string, busyMs?: number): Promise<Session> {
  const { manager } = engine.tm;
  let profileId: string | undefined;
  if (busyMs !== undefined) {
    profileId = manager.profiles.create({
      provider: 'demo',
      name: `slow-${name}`,
      binaryPath: null,
      extraArgs: [],
      model: null,
      env: { FLOTILLA_DEMO_BUSY_MS: String(busyMs) },
    }).id;
  }
  const [session] = await manager.create({
    repoPath: engine.temp.repo,
    provider: 'demo',
    name,
    autoYes: true,
    ...(profileId ? { profileId } : {}),
  });
  await waitForStatus(manager, session!.id, 'idle');
  return session!;
}

function message(id: number): AgentMessage {
  return engine.tm.manager.messages.list(engine.tm.manager.get(messageTarget(id)).id).find((m) => m.id === id)!;
}

function messageTarget(id: number): string {
  const event = engine.tm.events.find((e) => e.name === 'message.changed' && e.payload.message.id === id);
  if (event?.name !== 'message.changed') throw new Error(`no message ${id}`);
  return event.payload.message.targetId;
}

function settled(id: number, state: 'delivered' | 'failed' = 'delivered', timeoutMs = 15_000): Promise<AgentMessage> {
  return waitForEvents(engine.tm.manager, () => (message(id).state === state ? message(id) : undefined), {
    timeoutMs,
    what: `message ${id} to be ${state}`,
    describe: () => JSON.stringify(message(id)),
  });
}

/** How long after `since` the session first left idle (measured for SETTLE_MS). */
function leftIdle(id: string, since: number): Promise<number> {
  return waitForEvents(engine.tm.manager, () => {
    for (const e of engine.tm.events) {
      if (e.name !== 'session.status' || e.payload.session.id !== id || e.payload.session.status === 'idle') continue;
      const at = Date.parse(e.payload.session.statusSince ?? e.payload.session.updatedAt);
      if (at >= since) return at - since + 1; // + 1: 0 ms is a value, not "not yet"
    }
    return undefined;
  }).then((ms) => ms - 1);
}

describe('message delivery', () => {
  it('sequential to an idle target is typed at once, saying who sent it; message.changed tells queued then delivered', async () => {
    const { manager, events } = engine.tm;
    const w1 = await demo('w1');
    const sent = manager.messages.send('w1', 'hello there', 'sequential', W1);
    expect(sent).toMatchObject({
      targetId: w1.id,
      senderId: W1.id,
      senderName: 'orchestrator',
      state: 'delivered',
      error: null,
    });
    expect(sent.settledAt).not.toBeNull();
    await waitForScreen(manager, w1.id, '[message from orchestrator (feedc0de)] hello there');
    const states = events.flatMap((e) => (e.name === 'message.changed' ? [e.payload.message.state] : []));
    expect(states).toEqual(['queued', 'delivered']);
    // Measured for SETTLE_MS: the target leaves idle within ms of the line (its echo is output).
    const left = await leftIdle(w1.id, Date.parse(sent.settledAt!));
    console.log(`demo target left idle ${left} ms after delivery`);
    expect(manager.messages.list(w1.id).map((m) => m.text)).toEqual(['hello there']);
    expect(manager.messages.queue(w1.id)).toEqual([]);
  });

  it('to a busy target: queued; at its idle important goes first, then sequential after it was busy and idle again', async () => {
    const { manager } = engine.tm;
    const w1 = await demo('w1', 2500);
    manager.messages.send(w1.id, 'first', 'sequential', USER_SENDER);
    await waitForStatus(manager, w1.id, 'running');
    const seq = manager.messages.send(w1.id, 'later one', 'sequential', USER_SENDER);
    const seq2 = manager.messages.send(w1.id, 'later two', 'sequential', USER_SENDER);
    const imp = manager.messages.send(w1.id, 'important one', 'important', USER_SENDER);
    expect([seq.state, seq2.state, imp.state]).toEqual(['queued', 'queued', 'queued']);
    expect(manager.messages.queue(w1.id).map((m) => m.text)).toEqual(['important one', 'later one', 'later two']);
    const [a, b, c] = [
      await settled(imp.id),
      await settled(seq.id, 'delivered', 20_000),
      await settled(seq2.id, 'delivered', 20_000),
    ];
    expect(a.settledAt! < b.settledAt! && b.settledAt! < c.settledAt!).toBe(true);
    // One at a time: each was typed after the one before had been worked on (busy 2.5 s), not at once.
    expect(Date.parse(b.settledAt!) - Date.parse(a.settledAt!)).toBeGreaterThan(2000);
    const screen = await waitForScreen(manager, w1.id, '[message from user] later two');
    expect(screen.indexOf('important one')).toBeLessThan(screen.indexOf('later one'));
    expect(screen.indexOf('later one')).toBeLessThan(screen.indexOf('later two'));
  });

  it('urgent to a busy target interrupts it (its interrupt key) and is typed at the idle that follows', async () => {
    const { manager } = engine.tm;
    const w1 = await demo('w1', 20_000);
    manager.messages.send(w1.id, 'long task', 'sequential', USER_SENDER);
    await waitForScreen(manager, w1.id, 'esc to interrupt');
    const queued = manager.messages.send(w1.id, 'queued behind', 'sequential', USER_SENDER);
    const started = Date.now();
    const urgent = manager.messages.send(w1.id, 'stop and look', 'urgent', USER_SENDER);
    expect(urgent.state).toBe('queued');
    const done = await settled(urgent.id, 'delivered', 5000);
    console.log(`urgent: delivered ${Date.parse(done.settledAt!) - started} ms after sending to a busy target`);
    const screen = await waitForScreen(manager, w1.id, '[message from user] stop and look');
    expect(screen.indexOf('Interrupted.')).toBeLessThan(screen.indexOf('stop and look'));
    // It went before the older sequential one, which still waits for the urgent one to be worked on.
    expect(message(queued.id).state).toBe('queued');
  });

  it('urgent to a target waiting for an answer: the interrupt key dismisses the question, then it is typed', async () => {
    const { manager } = engine.tm;
    const [w1] = await manager.create({ repoPath: engine.temp.repo, provider: 'demo', name: 'w1', prompt: 'run make' });
    await waitForStatus(manager, w1!.id, 'waiting');
    const urgent = manager.messages.send('w1', 'never mind', 'urgent', USER_SENDER);
    await settled(urgent.id, 'delivered', 5000);
    const screen = await waitForScreen(manager, w1!.id, '[message from user] never mind');
    expect(screen.indexOf('Skipped `make`.')).toBeLessThan(screen.indexOf('never mind'));
  });

  it('urgent to an idle target is typed at once; sequential and important to an idle one too', async () => {
    const { manager } = engine.tm;
    await demo('w1');
    await demo('w2');
    await demo('w3');
    expect(manager.messages.send('w1', 'u', 'urgent', USER_SENDER).state).toBe('delivered');
    expect(manager.messages.send('w2', 'i', 'important', USER_SENDER).state).toBe('delivered');
    expect(manager.messages.send('w3', 's', 'sequential', USER_SENDER).state).toBe('delivered');
  });

  it('important to a busy target waits for the current work (no interrupt)', async () => {
    const { manager } = engine.tm;
    const w1 = await demo('w1', 2000);
    manager.messages.send(w1.id, 'task', 'sequential', USER_SENDER);
    await waitForScreen(manager, w1.id, 'esc to interrupt');
    const started = Date.now();
    const imp = manager.messages.send(w1.id, 'when you can', 'important', USER_SENDER);
    const done = await settled(imp.id);
    expect(Date.parse(done.settledAt!) - started).toBeGreaterThan(1000);
    expect((await manager.screen(w1.id)).text).not.toContain('Interrupted.');
  });

  it('a paused target keeps its queue and gets it after resume', async () => {
    const { manager } = engine.tm;
    const w1 = await demo('w1');
    await manager.pause([w1.id]);
    const sent = manager.messages.send(w1.id, 'after your break', 'sequential', USER_SENDER);
    expect(sent.state).toBe('queued');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(message(sent.id).state).toBe('queued');
    await manager.resume([w1.id]);
    await settled(sent.id);
    await waitForScreen(manager, w1.id, 'after your break');
  });

  it('an ended target: the message is recorded failed with why; queued ones fail when it ends or is removed', async () => {
    const { manager, events } = engine.tm;
    const w1 = await demo('w1');
    const w2 = await demo('w2');
    await manager.pause([w1.id, w2.id]);
    const willEnd = manager.messages.send(w1.id, 'never read', 'sequential', USER_SENDER);
    const willGo = manager.messages.send(w2.id, 'never read either', 'important', USER_SENDER);
    await manager.kill([w1.id]);
    expect(message(willEnd.id)).toMatchObject({
      state: 'failed',
      error: 'w1 ended (cancelled) before it was delivered',
    });
    const late = manager.messages.send('w1', 'too late', 'urgent', W1);
    expect(late).toMatchObject({ state: 'failed', error: 'w1 has ended (cancelled); nothing will read this' });
    expect(manager.messages.list(w1.id).at(-1)).toEqual(late);
    await manager.remove(w2.id, true);
    const failedEvent = events.find(
      (e) => e.name === 'message.changed' && e.payload.message.id === willGo.id && e.payload.message.state === 'failed',
    );
    // Removing terminates the agent first: the session ends (cancelled) on the way out.
    expect(failedEvent?.name === 'message.changed' && failedEvent.payload.message.error).toBe(
      'w2 ended (cancelled) before it was delivered',
    );
    expect(() => manager.messages.send('nobody', 'x', 'sequential', USER_SENDER)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => manager.messages.list('nobody')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('one at a time: a target whose status does not move after a line gets the next one SETTLE_MS later', async () => {
    const { manager } = engine.tm;
    const [sh] = await manager.create({ repoPath: engine.temp.repo, provider: 'shell', name: 'quiet' });
    await waitForStatus(manager, sh!.id, 'idle');
    // The terminal stops echoing while `sleep` runs: the lines typed meanwhile show nothing, the status stays idle.
    const typed = Date.now();
    manager.input(sh!.id, 'stty -echo; sleep 6; stty echo\r');
    await leftIdle(sh!.id, typed - 5);
    await waitForStatus(manager, sh!.id, 'idle');
    const first = manager.messages.send('quiet', 'first', 'sequential', USER_SENDER);
    const second = manager.messages.send('quiet', 'second', 'sequential', USER_SENDER);
    expect([first.state, second.state]).toEqual(['delivered', 'queued']);
    const done = await settled(second.id, 'delivered', 6000);
    const gap = Date.parse(done.settledAt!) - Date.parse(first.settledAt!);
    expect(gap).toBeGreaterThanOrEqual(SETTLE_MS - 50);
    expect(gap).toBeLessThan(SETTLE_MS + 1500);
  });

  it('a shell target gets the line as a no-op it does not run, control characters taken out', async () => {
    const { manager } = engine.tm;
    const [sh] = await manager.create({ repoPath: engine.temp.repo, provider: 'shell', name: 'sh1' });
    await waitForStatus(manager, sh!.id, 'idle');
    const sent = manager.messages.send('sh1', "it's $(echo EXPANDED) done\x1b[2J\x03", 'sequential', W1);
    expect(sent.state).toBe('delivered');
    console.log(`shell target left idle ${await leftIdle(sh!.id, Date.parse(sent.settledAt!))} ms after delivery`);
    await waitForStatus(manager, sh!.id, 'idle');
    const screen = (await manager.screen(sh!.id)).text;
    expect(screen).toContain("[message from orchestrator (feedc0de)] it'\\''s $(");
    expect(screen).not.toMatch(/^EXPANDED/m);
    expect(screen).not.toContain('command not found');
  });
});
