/** Acknowledge after this many rendered characters, or at the end of the frame, whichever comes first. */
export const ACK_BATCH_CHARS = 16 * 1024;

/**
 * Collects the characters xterm has rendered (from its write callbacks) and acknowledges them in
 * batches, so flow control sees real rendering progress without one request per output event.
 */
export class AckBatcher {
  private pending = 0;
  private scheduled = false;

  constructor(
    private readonly send: (chars: number) => void,
    private readonly schedule: (flush: () => void) => void = (flush) => requestAnimationFrame(flush),
  ) {}

  rendered(chars: number): void {
    this.pending += chars;
    if (this.pending >= ACK_BATCH_CHARS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    if (this.pending === 0) return;
    const chars = this.pending;
    this.pending = 0;
    this.send(chars);
  }

  /** Forget what was rendered for a subscription that ended (the host forgot it too). */
  reset(): void {
    this.pending = 0;
  }
}
