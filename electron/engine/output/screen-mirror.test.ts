import { describe, expect, it } from 'vitest';
import { mirrorThread } from './mirror-thread.js';
import { ScreenMirror } from './screen-mirror.js';

describe('ScreenMirror (in the mirror thread)', () => {
  it('answers a read with the screen as of every write made before it, without awaiting them', async () => {
    const mirror = new ScreenMirror(80, 10);
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    void mirror.write(lines.join('\r\n'));
    expect(mirror.unparsed).toBeGreaterThan(200_000);
    const screen = await mirror.lines();
    expect(screen.at(-1)).toBe(`line 4999 ${'x'.repeat(40)}`);
    expect(screen[0]).toBe(`line 4990 ${'x'.repeat(40)}`);
    await mirror.flushed();
    expect(mirror.unparsed).toBe(0);
    mirror.dispose();
  });

  it('keeps many mirrors apart and settles writes in order', async () => {
    const mirrors = Array.from({ length: 20 }, () => new ScreenMirror(40, 3));
    const settled: number[] = [];
    mirrors.forEach((mirror, i) => void mirror.write(`mirror ${i}\r\n`).then(() => settled.push(i)));
    const texts = await Promise.all(mirrors.map((m) => m.text()));
    expect(texts).toEqual(mirrors.map((_, i) => `mirror ${i}`));
    const first = mirrors[0]!;
    const order: string[] = [];
    void first.write('a').then(() => order.push('a'));
    void first.write('').then(() => order.push('empty'));
    await first.write('b').then(() => order.push('b'));
    expect(order).toEqual(['a', 'empty', 'b']);
    expect(await first.text()).toBe('mirror 0\nab');
    for (const mirror of mirrors) mirror.dispose();
  });

  it('serializes a screen that recreates it, after a resize', async () => {
    const mirror = new ScreenMirror(80, 5);
    await mirror.write('\x1b[1mbold\x1b[0m plain\r\n');
    mirror.resize(40, 4);
    expect([mirror.cols, mirror.rows]).toEqual([40, 4]);
    const ansi = await mirror.serialize();
    const copy = new ScreenMirror(40, 4);
    await copy.write(ansi);
    expect(await copy.lines()).toEqual(['bold plain']);
    expect(ansi).toContain('\x1b[1m');
    mirror.dispose();
    copy.dispose();
  });

  it('carries on with blank screens when the thread dies, settling every write still owed', async () => {
    const mirror = new ScreenMirror(80, 5);
    await mirror.write('before\r\n');
    const owed = mirror.write('x'.repeat(2_000_000));
    await mirrorThread.kill();
    await owed;
    expect(mirror.unparsed).toBe(0);
    await mirror.write('after\r\n');
    expect(await mirror.lines()).toEqual(['after']);
    mirror.dispose();
  });

  it('reads nothing from a disposed mirror, and writes to it settle at once', async () => {
    const mirror = new ScreenMirror(80, 5);
    mirror.dispose();
    await mirror.write('ignored');
    expect(await mirror.lines()).toEqual([]);
    expect(await mirror.serialize()).toBe('');
  });
});
