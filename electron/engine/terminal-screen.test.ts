import { describe, expect, it } from 'vitest';
import { TerminalScreen } from './terminal-screen.js';

describe('TerminalScreen', () => {
  it('parses a write larger than one slice completely, in order, and reports no backlog after', async () => {
    const mirror = new TerminalScreen(80, 10);
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const parsed = mirror.write(lines.join('\r\n'));
    expect(mirror.unparsed).toBeGreaterThan(16 * 1024);
    await parsed;
    expect(mirror.unparsed).toBe(0);
    expect(mirror.lines().at(-1)).toBe(`line 4999 ${'x'.repeat(40)}`);
    expect(mirror.lines()[0]).toBe(`line 4990 ${'x'.repeat(40)}`);
    mirror.dispose();
  });

  it('keeps characters outside the BMP whole across slice boundaries', async () => {
    const mirror = new TerminalScreen(120, 5);
    // 16383 ASCII characters put the emoji's surrogate pair across the 16 K slice boundary.
    await mirror.write(`${'a'.repeat(16383)}\r\n🚀 launched 🚀\r\n`);
    expect(mirror.lines()).toContain('🚀 launched 🚀');
    mirror.dispose();
  });

  it('settles flushed() only after every earlier write, including an empty one', async () => {
    const mirror = new TerminalScreen(80, 5);
    void mirror.write('first\r\n');
    void mirror.write('');
    void mirror.write('second');
    await mirror.flushed();
    expect(mirror.lines()).toEqual(['first', 'second']);
    mirror.dispose();
  });
});
