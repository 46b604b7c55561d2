import { cpus } from 'node:os';

/** How many validators may run at once: the setting, or half the cores (at least one) when it is 0. */
export function validatorLimit(setting: number): number {
  return setting > 0 ? setting : Math.max(1, Math.floor(cpus().length / 2));
}

/** A counting gate whose size is read at each acquire, so a settings change applies to the next run. */
export class ValidatorSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: () => number) {}

  get running(): number {
    return this.active;
  }

  /** Resolves with a release function once a slot is free; rejects if `signal` aborts while waiting. */
  acquire(signal: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const take = (): void => {
        signal.removeEventListener('abort', onAbort);
        this.active += 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.active -= 1;
          this.pump();
        });
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(take);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(take);
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.limit() && this.waiting.length > 0) this.waiting.shift()!();
  }
}
