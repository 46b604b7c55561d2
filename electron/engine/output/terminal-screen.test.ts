import { describe, expect, it } from 'vitest';
import { TerminalScreen } from './terminal-screen.js';

describe('TerminalScreen', () => {
  it('parses a large write completely, in order, and reports no backlog after', async () => {
    const mirror = new TerminalScreen(80, 10);
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const parsed = mirror.write(lines.join('\r\n'));
    expect(mirror.unparsed).toBeGreaterThan(200_000);
    await parsed;
    expect(mirror.unparsed).toBe(0);
    expect(mirror.lines().at(-1)).toBe(`line 4999 ${'x'.repeat(40)}`);
    expect(mirror.lines()[0]).toBe(`line 4990 ${'x'.repeat(40)}`);
    mirror.dispose();
  });

  it('keeps a character outside the BMP whole when its surrogate pair is split between two writes', async () => {
    const mirror = new TerminalScreen(120, 5);
    const text = `${'a'.repeat(100)}\r\n🚀 launched 🚀\r\n`;
    const cut = text.indexOf('🚀') + 1;
    void mirror.write(text.slice(0, cut));
    await mirror.write(text.slice(cut));
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
