import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from './output-batcher.js';

/** Resolves with the next flush, or rejects after a bounded wait. */
function nextFlush(flushes: string[], timeoutMs = 2000): Promise<string> {
  const seen = flushes.length;
  return vi.waitFor(
    () => {
      if (flushes.length === seen) throw new Error('no flush yet');
      return flushes[seen]!;
    },
    { timeout: timeoutMs, interval: 2 },
  );
}

describe('OutputBatcher', () => {
  const batchers: OutputBatcher[] = [];
  afterEach(() => {
    for (const b of batchers.splice(0)) b.dispose();
  });

  function make(delayMs?: number, maxChars?: number): { batcher: OutputBatcher; flushes: string[] } {
    const flushes: string[] = [];
    const batcher = new OutputBatcher((data) => flushes.push(data), delayMs, maxChars);
    batchers.push(batcher);
    return { batcher, flushes };
  }

  it('coalesces pushes within the delay into one flush, in order', async () => {
    const { batcher, flushes } = make(30);
    batcher.push('a');
    batcher.push('b');
    batcher.push('c');
    expect(flushes).toEqual([]); // nothing is delivered synchronously

    expect(await nextFlush(flushes)).toBe('abc');
    expect(flushes).toEqual(['abc']);
  });

  it('starts a new batch after a flush', async () => {
    const { batcher, flushes } = make(5);
    batcher.push('one');
    await nextFlush(flushes);
    batcher.push('two');
    batcher.push('three');
    expect(await nextFlush(flushes)).toBe('twothree');
    expect(flushes).toEqual(['one', 'twothree']);
  });

  it('does not extend the delay for later pushes: the first push starts the clock', async () => {
    vi.useFakeTimers();
    try {
      const { batcher, flushes } = make(16);
      batcher.push('a');
      vi.advanceTimersByTime(10);
      batcher.push('b');
      vi.advanceTimersByTime(6);
      expect(flushes).toEqual(['ab']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('flushes synchronously once the size cap is reached, without waiting for the timer', () => {
    const { batcher, flushes } = make(60_000, 10);
    batcher.push('12345');
    expect(flushes).toEqual([]);
    batcher.push('67890');
    expect(flushes).toEqual(['1234567890']);
    batcher.push('x'.repeat(25));
    expect(flushes).toEqual(['1234567890', 'x'.repeat(25)]);
  });

  it('after a size flush, the timer of the earlier batch does not fire an empty flush', async () => {
    vi.useFakeTimers();
    try {
      const { batcher, flushes } = make(16, 4);
      batcher.push('ab');
      batcher.push('cd'); // cap: flushed now, timer cleared
      batcher.push('e'); // new batch, new timer
      vi.advanceTimersByTime(16);
      expect(flushes).toEqual(['abcd', 'e']);
      vi.advanceTimersByTime(100);
      expect(flushes).toEqual(['abcd', 'e']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('preserves order across many timer and size flushes', async () => {
    const { batcher, flushes } = make(2, 100);
    const expected: string[] = [];
    for (let i = 0; i < 500; i++) {
      const chunk = `<${i}>`;
      expected.push(chunk);
      batcher.push(chunk);
      if (i % 97 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    batcher.flush();
    expect(flushes.join('')).toBe(expected.join(''));
    expect(flushes.length).toBeGreaterThan(1);
    expect(flushes.every((f) => f.length > 0)).toBe(true);
  });

  it('flush and dispose deliver what is pending right away, and never an empty batch', () => {
    const { batcher, flushes } = make(60_000);
    batcher.flush();
    expect(flushes).toEqual([]);
    batcher.push('pending');
    batcher.dispose();
    expect(flushes).toEqual(['pending']);
    batcher.dispose();
    expect(flushes).toEqual(['pending']);
  });

  it('uses sensible defaults: a short delay and a 64 KiB cap', async () => {
    const { batcher, flushes } = make();
    batcher.push('x'.repeat(64 * 1024 - 1));
    expect(flushes).toEqual([]);
    batcher.push('y');
    expect(flushes).toHaveLength(1);
    batcher.push('tail');
    expect(await nextFlush(flushes, 500)).toBe('tail');
  });

  it('keeps everything pushed while gated, past the cap and the delay, and flushes it in one piece when opened', async () => {
    const { batcher, flushes } = make(5, 10);
    batcher.push('before');
    const open = batcher.gate();
    expect(flushes).toEqual(['before']);
    batcher.push('x'.repeat(20));
    batcher.flush();
    await new Promise((r) => setTimeout(r, 30));
    expect(flushes).toEqual(['before']);
    open();
    open();
    expect(flushes).toEqual(['before', 'x'.repeat(20)]);
  });
});
