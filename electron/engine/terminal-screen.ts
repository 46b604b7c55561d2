import serializePkg from '@xterm/addon-serialize';
import headlessPkg from '@xterm/headless';

const { Terminal } = headlessPkg;
const { SerializeAddon } = serializePkg;

const SCROLLBACK_LINES = 1000;
/** How much scrollback a replay carries to a client that joins late. */
const REPLAY_SCROLLBACK = 500;
/** Characters handed to the terminal parser at once (about a millisecond of parsing). */
const PARSE_SLICE = 16 * 1024;

/**
 * A headless terminal in this thread. The engine keeps its mirrors in a worker (screen-mirror.ts);
 * tools and tests that read a screen synchronously use this directly.
 */
export class TerminalScreen {
  private readonly terminal;
  private readonly serializer = new SerializeAddon();
  private pending = Promise.resolve();
  private backlog = 0;
  private readonly queue: { piece: string; done: (() => void) | undefined }[] = [];
  private feeding = false;

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
   * Feeds output; the returned promise settles once the mirror has parsed it. The terminal gets it a
   * slice at a time, so parsing a flood never holds the event loop for long and the pty keeps being
   * read while the agent writes (measured: 7 MB/s with whole batches, see bench).
   */
  write(data: string): Promise<void> {
    this.backlog += data.length;
    this.pending = new Promise((resolve) => {
      for (let start = 0; start < data.length; ) {
        // A surrogate pair split between two slices is joined again by the terminal's decoder.
        const end = Math.min(data.length, start + PARSE_SLICE);
        const piece = data.slice(start, end);
        this.queue.push({ piece, done: end >= data.length ? resolve : undefined });
        start = end;
      }
      if (data.length === 0) this.queue.push({ piece: '', done: resolve });
      if (!this.feeding) this.feed();
    });
    return this.pending;
  }

  private feed(): void {
    const next = this.queue.shift();
    if (!next) {
      this.feeding = false;
      return;
    }
    this.feeding = true;
    this.terminal.write(next.piece, () => {
      this.backlog -= next.piece.length;
      next.done?.();
      this.feed();
    });
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
