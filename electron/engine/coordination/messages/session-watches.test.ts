import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../../../shared/coordination.js';
import type { Session } from '../../../../shared/session.js';
import { useTestEngine } from '../../../test-support/test-engine.js';
import { waitForEvents, waitForScreen, waitForStatus } from '../../../test-support/wait-for.js';

// `flotilla wait ID --notify` in the engine: a watch sends its watcher one message from Flotilla when the
// target goes idle, waits for an answer, ends, or when the time is up; watches survive a host restart.

const engine = useTestEngine();

async function session(name: string, provider: 'shell' | 'demo' = 'shell', prompt = ''): Promise<Session> {
  const { manager } = engine.tm;
  const [created] = await manager.create({ repoPath: engine.temp.repo, provider, name, prompt });
  return created!;
}

/** Resolves with the watcher's messages from Flotilla once there are `count`. */
function notices(watcherId: string, count = 1, timeoutMs = 10_000): Promise<AgentMessage[]> {
  const { manager } = engine.tm;
  const found = () =>
    manager.messages.list(watcherId).filter((m) => m.targetId === watcherId && m.senderName === 'flotilla');
  return waitForEvents(manager, () => (found().length >= count ? found() : undefined), {
    timeoutMs,
    what: `${count} notice(s) for ${watcherId}`,
    describe: () => JSON.stringify(manager.messages.list(watcherId)),
  });
}

describe('watches', () => {
  it('the watcher is told when the target goes idle (important, from flotilla), and sees it on its screen', async () => {
    const { manager } = engine.tm;
    const p = await session('p');
    const w1 = await session('w1');
    await waitForStatus(manager, p.id, 'idle');
    await waitForStatus(manager, w1.id, 'idle');
    await manager.pause([w1.id]);
    manager.messages.watch('w1', p.id, 60);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(manager.messages.list(p.id)).toEqual([]);
    await manager.resume([w1.id]);
    const [notice] = await notices(p.id);
    expect(notice).toMatchObject({
      senderId: null,
      senderName: 'flotilla',
      mode: 'important',
      text: `w1 (${w1.id}) is idle`,
    });
    await waitForScreen(manager, p.id, `[message from flotilla] w1 (${w1.id}) is idle`);
    // One notice per watch: the next idle says nothing.
    await manager.send(w1.id, 'true');
    await waitForStatus(manager, w1.id, 'running');
    await waitForStatus(manager, w1.id, 'idle');
    expect(await notices(p.id)).toHaveLength(1);
  });

  it('fires at once for a target already waiting for an answer, naming the question; and for an ended one', async () => {
    const { manager } = engine.tm;
    const p = await session('p');
    const w1 = await session('w1', 'demo', 'add a readme');
    const w2 = await session('w2', 'demo');
    await waitForStatus(manager, w1.id, 'waiting');
    manager.messages.watch(w1.id, 'p', 60);
    expect((await notices(p.id))[0]!.text).toBe(
      `w1 (${w1.id}) is waiting for an answer: Do you want to create add-a-readme.txt?`,
    );
    await manager.kill([w2.id]);
    manager.messages.watch('w2', 'p', 60);
    expect((await notices(p.id, 2))[1]!.text).toBe(`w2 (${w2.id}) was cancelled`);
    expect(() => manager.messages.watch('nobody', 'p', 60)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => manager.messages.watch('w1', 'nobody', 60)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('times out after its seconds, saying what the target still is', async () => {
    const { manager } = engine.tm;
    const p = await session('p');
    const w1 = await session('w1');
    await waitForStatus(manager, w1.id, 'idle');
    await manager.pause([w1.id]);
    const started = Date.now();
    manager.messages.watch('w1', 'p', 1);
    const [notice] = await notices(p.id, 1, 5000);
    expect(notice!.text).toBe(`timed out after 1 s: w1 (${w1.id}) is still paused`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('survives a host restart: a deadline that passed meanwhile fires, a later one is armed again', async () => {
    const first = engine.tm.manager;
    const p = await session('p');
    const w1 = await session('w1');
    await waitForStatus(first, w1.id, 'idle');
    await first.pause([w1.id]);
    first.messages.watch('w1', 'p', 1);
    first.messages.watch('w1', 'p', 3);
    await engine.close();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { manager } = await engine.open();
    // The watcher is paused (the host stopped): the notices wait in its queue.
    const [passed] = await notices(p.id, 1, 2000);
    expect(passed).toMatchObject({ state: 'queued', text: `timed out after 1 s: w1 (${w1.id}) is still paused` });
    const both = await notices(p.id, 2, 5000);
    expect(both[1]!.text).toBe(`timed out after 3 s: w1 (${w1.id}) is still paused`);
    expect(manager.messages.queue(p.id)).toHaveLength(2);
  });
});
