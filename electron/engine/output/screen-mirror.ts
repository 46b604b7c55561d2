import { mirrorThread, type MirrorEndpoint } from './mirror-thread.js';

/**
 * The headless terminal mirroring one agent's screen, so the host knows what the user would see. It
 * lives in the mirror thread: writes return at once and settle once parsed there, and reads answer with
 * the screen as of every write made before them.
 */
export class ScreenMirror implements MirrorEndpoint {
  private readonly id: number;
  private backlog = 0;
  private readonly sizes: number[] = [];
  private readonly settles: (() => void)[] = [];
  private pending = Promise.resolve();
  private closed = false;
  private width: number;
  private height: number;

  constructor(cols: number, rows: number) {
    this.width = cols;
    this.height = rows;
    this.id = mirrorThread.open(this);
  }

  get cols(): number {
    return this.width;
  }

  get rows(): number {
    return this.height;
  }

  /** Feeds output; the returned promise settles once the mirror has parsed it. */
  write(data: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.backlog += data.length;
    this.sizes.push(data.length);
    this.pending = new Promise((resolve) => this.settles.push(resolve));
    mirrorThread.write(this.id, data);
    return this.pending;
  }

  written(): void {
    this.backlog -= this.sizes.shift() ?? 0;
    this.settles.shift()?.();
  }

  reset(): void {
    while (this.settles.length > 0) this.written();
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
    this.width = cols;
    this.height = rows;
    if (!this.closed) mirrorThread.resize(this.id, cols, rows);
  }

  /** The visible screen, top to bottom, trailing spaces trimmed and trailing blank lines dropped. */
  async lines(): Promise<string[]> {
    if (this.closed) return [];
    return mirrorThread.read(this.id, 'lines');
  }

  async text(): Promise<string> {
    return (await this.lines()).join('\n');
  }

  /** The screen and recent scrollback as escape data that recreates them in another terminal. */
  async serialize(): Promise<string> {
    if (this.closed) return '';
    return mirrorThread.read(this.id, 'serialize');
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.reset();
    mirrorThread.close(this.id);
  }
}
