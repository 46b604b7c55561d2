import { describe, expect, it } from 'vitest';
import { LaunchQueue } from './launch-queue.js';

/** A queue whose launches become "live" agents when they start, and end when the test says. */
function setup(initialLimit: number) {
  let limit = initialLimit;
  const live = new Set<string>();
  const started: string[] = [];
  const dequeued: string[] = [];
  const queue = new LaunchQueue({ limit: () => limit, live: () => live.size, onDequeue: (id) => dequeued.push(id) });
  const launch = (id: string) => ({
    id,
    start: async () => {
      started.push(id);
      await Promise.resolve();
      live.add(id);
    },
  });
  return {
    queue,
    started,
    dequeued,
    launch,
    end(id: string) {
      live.delete(id);
      queue.pump();
    },
    setLimit(value: number) {
      limit = value;
      queue.pump();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LaunchQueue', () => {
  it('starts everything at once without a limit', async () => {
    const t = setup(0);
    const results = ['a', 'b', 'c'].map((id) => t.queue.submit(t.launch(id)));
    expect(results.every((r) => r instanceof Promise)).toBe(true);
    await Promise.all(results);
    expect(t.started).toEqual(['a', 'b', 'c']);
    expect(t.queue.size).toBe(0);
  });

  it('queues launches beyond the limit and starts them in FIFO order as slots free up', async () => {
    const t = setup(2);
    const results = ['a', 'b', 'c', 'd'].map((id) => t.queue.submit(t.launch(id)));
    expect(results.map((r) => r !== null)).toEqual([true, true, false, false]);
    await Promise.all(results);
    expect(t.started).toEqual(['a', 'b']);
    expect(t.queue.position('c')).toBe(1);
    expect(t.queue.position('d')).toBe(2);
    expect(t.queue.occupied()).toBe(2);

    t.end('a');
    await settle();
    expect(t.started).toEqual(['a', 'b', 'c']);
    expect(t.dequeued).toEqual(['c']);
    expect(t.queue.isQueued('d')).toBe(true);
  });

  it('counts launches under way, so a burst never overshoots the limit', () => {
    const t = setup(1);
    expect(t.queue.submit(t.launch('a'))).not.toBeNull();
    // 'a' has not become live yet, but it holds the only slot.
    expect(t.queue.submit(t.launch('b'))).toBeNull();
    t.queue.pump();
    expect(t.started).toEqual(['a']);
  });

  it('a new launch waits behind queued ones even when a slot looks free', async () => {
    const t = setup(1);
    await t.queue.submit(t.launch('a'));
    expect(t.queue.submit(t.launch('b'))).toBeNull();
    t.setLimit(0); // pump starts b
    t.setLimit(1);
    expect(t.queue.submit(t.launch('c'))).toBeNull();
  });

  it('cancel takes a waiting launch out; it never starts', async () => {
    const t = setup(1);
    await t.queue.submit(t.launch('a'));
    t.queue.submit(t.launch('b'));
    t.queue.submit(t.launch('c'));
    expect(t.queue.cancel('b')).toBe(true);
    expect(t.queue.cancel('b')).toBe(false);
    expect(t.queue.cancel('a')).toBe(false);
    t.end('a');
    await settle();
    expect(t.started).toEqual(['a', 'c']);
  });

  it('raising the limit starts as many as fit; 0 starts the rest', async () => {
    const t = setup(1);
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => t.queue.submit(t.launch(id))));
    t.setLimit(3);
    await settle();
    expect(t.started).toEqual(['a', 'b', 'c']);
    t.setLimit(0);
    await settle();
    expect(t.started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a failed start frees its slot for the next launch', async () => {
    const t = setup(1);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      t.queue.submit({ id: 'bad', start: () => Promise.reject(new Error('no worktree')) });
      t.queue.submit(t.launch('b'));
      await settle();
      expect(t.started).toEqual(['b']);
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });

  it('after close nothing more starts', async () => {
    const t = setup(1);
    await t.queue.submit(t.launch('a'));
    t.queue.submit(t.launch('b'));
    t.queue.close();
    t.end('a');
    await settle();
    expect(t.started).toEqual(['a']);
    expect(t.queue.submit(t.launch('c'))).toBeNull();
  });
});
