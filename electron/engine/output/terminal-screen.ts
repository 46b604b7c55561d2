import serializePkg from '@xterm/addon-serialize';
import headlessPkg from '@xterm/headless';

const { Terminal } = headlessPkg;
const { SerializeAddon } = serializePkg;

const SCROLLBACK_LINES = 1000;
/** How much scrollback a replay carries to a client that joins late. */
const REPLAY_SCROLLBACK = 500;

/**
 * A headless terminal in this thread. The engine keeps its mirrors in a worker (screen-mirror.ts);
 * tools and tests that read a screen synchronously use this directly.
 */
export class TerminalScreen {
  private readonly terminal;
  private readonly serializer = new SerializeAddon();
  private pending = Promise.resolve();
  private backlog = 0;

  constructor(cols: number, rows: number) {
    this.terminal = new Terminal({ cols, rows, scrollback: SCROLLBACK_LINES, allowProposedApi: true });
    this.terminal.loadAddon(this.serializer);
  }

  get cols(): number {
    return this.terminal.cols;
  }

  get rows(): number {
    return this.terminal.rows;
  }

  /**
   * Feeds output; the returned promise settles once the terminal has parsed it. Writes go straight to
   * xterm's own write buffer, which parses queued writes back to back and yields every 12 ms: feeding
   * it one slice per callback instead left the mirror thread idle half the time (a timer per slice).
   */
  write(data: string): Promise<void> {
    this.backlog += data.length;
    this.pending = new Promise((resolve) =>
      this.terminal.write(data, () => {
        this.backlog -= data.length;
        resolve();
      }),
    );
    return this.pending;
  }

  /** Characters written but not parsed yet. */
  get unparsed(): number {
    return this.backlog;
  }

  /** Settles once everything written so far has been parsed. */
  flushed(): Promise<void> {
    return this.pending;
  }

  resize(cols: number, rows: number): void {
    this.terminal.resize(cols, rows);
  }

  /** The visible screen, top to bottom, trailing spaces trimmed and trailing blank lines dropped. */
  lines(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.terminal.rows; y++) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  }

  text(): string {
    return this.lines().join('\n');
  }

  /** The screen and recent scrollback as escape data that recreates them in another terminal. */
  serialize(): string {
    return this.serializer.serialize({ scrollback: REPLAY_SCROLLBACK });
  }

  dispose(): void {
    this.terminal.dispose();
  }
}
