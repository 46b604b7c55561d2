import { describe, expect, it } from 'vitest';
import { BUSY_CHARS, OutputPacer, PACE_MS, type PacerClock } from './output-pacer.js';

/** A hand-driven clock: `advance` runs the timers that come due, in order. */
function fakeClock(): PacerClock & { advance(ms: number): void; timers(): number } {
  let now = 1000;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    later(fn, ms) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return timer;
    },
    cancel(handle) {
      timers = timers.filter((t) => t !== handle);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
    timers: () => timers.length,
  };
}

describe('OutputPacer', () => {
  it('writes a trickle at once: every echo reaches the terminal in the same tick', () => {
    const clock = fakeClock();
    const written: string[] = [];
    const pacer = new OutputPacer((d) => written.push(d), clock);
    for (const key of 'hello') {
      pacer.push(key);
      expect(written.at(-1)).toBe(key);
      clock.advance(5);
    }
    expect(clock.timers()).toBe(0);
  });

  it('writes the first burst at once, then gathers a flood into one write per interval, in order', () => {
    const clock = fakeClock();
    const written: string[] = [];
    const pacer = new OutputPacer((d) => written.push(d), clock);
    const chunk = (i: number) => `${i}`.padEnd(BUSY_CHARS, '.');
    let sent = '';
    for (let i = 0; i < 50; i++) {
      pacer.push(chunk(i));
      sent += chunk(i);
      clock.advance(8);
    }
    clock.advance(PACE_MS);
    expect(written.join('')).toBe(sent);
    expect(written[0]).toBe(chunk(0));
    // 50 chunks over 400 ms: about one write per PACE_MS instead of 50.
    expect(written.length).toBeLessThanOrEqual(400 / PACE_MS + 2);
    expect(written.length).toBeGreaterThanOrEqual(400 / PACE_MS - 1);
  });

  it('after a flood, the next keystroke echo is written at once again', () => {
    const clock = fakeClock();
    const written: string[] = [];
    const pacer = new OutputPacer((d) => written.push(d), clock);
    pacer.push('x'.repeat(BUSY_CHARS * 4));
    pacer.push('y'.repeat(BUSY_CHARS));
    expect(written).toHaveLength(1);
    clock.advance(PACE_MS);
    expect(written).toHaveLength(2);
    clock.advance(PACE_MS);
    pacer.push('a');
    expect(written.at(-1)).toBe('a');
  });

  it('flush writes what waits now; clear drops it', () => {
    const clock = fakeClock();
    const written: string[] = [];
    const pacer = new OutputPacer((d) => written.push(d), clock);
    pacer.push('x'.repeat(BUSY_CHARS * 2));
    pacer.push('kept');
    pacer.flush();
    expect(written.at(-1)).toBe('kept');
    pacer.push('dropped');
    pacer.clear();
    clock.advance(PACE_MS * 2);
    expect(written.join('')).not.toContain('dropped');
    expect(clock.timers()).toBe(0);
  });
});
