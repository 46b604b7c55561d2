/** Once this many characters were written within an interval, more output waits for the next interval. */
export const BUSY_CHARS = 16 * 1024;
/** How often a flooding terminal takes its output: about 25 writes (and so at most 25 repaints) a second. */
export const PACE_MS = 40;

export interface PacerClock {
  now(): number;
  later(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  later: (fn, ms) => setTimeout(fn, ms),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Hands output to the terminal: at once while it trickles (a keystroke's echo is never delayed), and
 * gathered into one write per PACE_MS while it floods. xterm repaints after every write that changed
 * the screen, and a repaint of a scrolling screen costs the same however much text scrolled past, so a
 * flood written 125 times a second spends most of its time repainting; gathered, the time goes to
 * parsing and the flood gets through several times faster. Nothing is dropped or reordered.
 */
export class OutputPacer {
  private pending: string[] = [];
  private pendingChars = 0;
  private timer: unknown;
  /** Characters written since `windowStart`; a window that took more than BUSY_CHARS means a flood. */
  private windowChars = 0;
  private windowStart = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly write: (data: string) => void,
    private readonly clock: PacerClock = realClock,
  ) {}

  push(data: string): void {
    if (data.length === 0) return;
    this.pending.push(data);
    this.pendingChars += data.length;
    if (this.timer !== undefined) return;
    const now = this.clock.now();
    if (now - this.windowStart >= PACE_MS) {
      this.windowStart = now;
      this.windowChars = 0;
    }
    // The first write of a window goes at once whatever its size (a full redraw of the agent's screen).
    if (this.windowChars === 0 || this.windowChars + this.pendingChars <= BUSY_CHARS) this.flush();
    else this.timer = this.clock.later(() => this.onTimer(), this.windowStart + PACE_MS - now);
  }

  /** Writes whatever is pending now (before a reset, a resize, or disposal). */
  flush(): void {
    if (this.timer !== undefined) this.clock.cancel(this.timer);
    this.timer = undefined;
    if (this.pendingChars === 0) return;
    const data = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.windowChars += this.pendingChars;
    this.pending = [];
    this.pendingChars = 0;
    this.write(data);
  }

  /** Drops what is pending (the subscription it belonged to ended). */
  clear(): void {
    if (this.timer !== undefined) this.clock.cancel(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.pendingChars = 0;
  }

  private onTimer(): void {
    this.timer = undefined;
    this.windowStart = this.clock.now();
    this.windowChars = 0;
    this.flush();
  }
}
