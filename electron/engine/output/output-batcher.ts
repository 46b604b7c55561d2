/**
 * Coalesces terminal output into batches: flushed after `delayMs` or once `maxChars` are pending,
 * so 50 chatty sessions cost a few events per frame instead of one per read.
 */
export class OutputBatcher {
  private pending: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;
  private gates = 0;

  constructor(
    private readonly onFlush: (data: string) => void,
    private readonly delayMs = 8,
    private readonly maxChars = 64 * 1024,
  ) {}

  push(data: string): void {
    this.pending.push(data);
    this.size += data.length;
    if (this.gates > 0) return;
    if (this.size >= this.maxChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.size === 0 || this.gates > 0) return;
    const data = this.pending.join('');
    this.pending = [];
    this.size = 0;
    this.onFlush(data);
  }

  /** Keeps what arrives from now on until the returned function is called (then flushes it). */
  gate(): () => void {
    this.flush();
    this.gates++;
    let open = false;
    return () => {
      if (open) return;
      open = true;
      this.gates--;
      this.flush();
    };
  }

  dispose(): void {
    this.gates = 0;
    this.flush();
  }
}
