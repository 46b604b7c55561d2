/**
 * Coalesces terminal output into batches: flushed after `delayMs` or once `maxChars` are pending,
 * so 50 chatty sessions cost a few events per frame instead of one per read.
 */
export class OutputBatcher {
  private pending: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onFlush: (data: string) => void,
    private readonly delayMs = 8,
    private readonly maxChars = 64 * 1024,
  ) {}

  push(data: string): void {
    this.pending.push(data);
    this.size += data.length;
    if (this.size >= this.maxChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.size === 0) return;
    const data = this.pending.join('');
    this.pending = [];
    this.size = 0;
    this.onFlush(data);
  }

  dispose(): void {
    this.flush();
  }
}
