/** A session waiting for a slot, and how to start it (start reports its own failures on the session). */
export interface Launch {
  id: string;
  start(): Promise<void>;
}

export interface LaunchQueueOptions {
  /** The max-concurrent-sessions setting; 0 means no limit. */
  limit(): number;
  /** Agents that count against the limit now; launches under way are counted by the queue itself. */
  live(): number;
  /** Called as a queued launch leaves the queue to start. */
  onDequeue?(id: string): void;
}

/**
 * Admits session launches under the max-concurrent-sessions limit: a launch starts at once while a slot is
 * free and nobody waits ahead of it, otherwise it waits and starts in FIFO order once `pump` finds a slot
 * (an agent ended or paused, a queued launch was cancelled, the limit was raised).
 */
export class LaunchQueue {
  private readonly waiting: Launch[] = [];
  private readonly starting = new Set<string>();
  private closed = false;

  constructor(private readonly options: LaunchQueueOptions) {}

  /** Agents running plus launches under way: what the limit is compared with. */
  occupied(): number {
    return this.options.live() + this.starting.size;
  }

  /** Starts the launch now (resolving when it has started) or queues it (null). */
  submit(launch: Launch): Promise<void> | null {
    if (this.closed) return null;
    if (this.waiting.length === 0 && this.hasSlot()) return this.run(launch);
    this.waiting.push(launch);
    return null;
  }

  /** Takes a launch out of the queue before it started; false when it is not waiting (started or unknown). */
  cancel(id: string): boolean {
    const index = this.waiting.findIndex((launch) => launch.id === id);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  isQueued(id: string): boolean {
    return this.waiting.some((launch) => launch.id === id);
  }

  /** 1-based place in the queue, or 0 when the launch is not waiting. */
  position(id: string): number {
    return this.waiting.findIndex((launch) => launch.id === id) + 1;
  }

  get size(): number {
    return this.waiting.length;
  }

  /** Starts queued launches, oldest first, while there are free slots. */
  pump(): void {
    while (!this.closed && this.waiting.length > 0 && this.hasSlot()) {
      const launch = this.waiting.shift()!;
      this.options.onDequeue?.(launch.id);
      void this.run(launch);
    }
  }

  /** Starts nothing more; the queued launches are dropped (their sessions stay recorded as queued). */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
  }

  private hasSlot(): boolean {
    const limit = this.options.limit();
    return limit <= 0 || this.occupied() < limit;
  }

  private run(launch: Launch): Promise<void> {
    this.starting.add(launch.id);
    const done = (async () => {
      try {
        await launch.start();
      } catch (error) {
        console.error(`flotilla: starting session ${launch.id} failed:`, error);
      } finally {
        this.starting.delete(launch.id);
        this.pump();
      }
    })();
    return done;
  }
}
