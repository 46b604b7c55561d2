/**
 * At most one launch (create's first start, a resume's respawn, a restart) in flight per session. A second
 * request while one is under way joins it instead of starting a second agent for the same session (a
 * double-click, `flotilla resume r1 r1`, two clients), and a kill or removal waits for it to land so that
 * it can stop what it started.
 */
export class LaunchGuard {
  private readonly inFlight = new Map<string, Promise<void>>();

  /** Runs `launch` for the session, or joins the launch already under way (whose outcome it shares). */
  run(id: string, launch: () => Promise<void>): Promise<void> {
    const pending = this.inFlight.get(id);
    if (pending) return pending;
    // A launch that throws before its first await still becomes this promise's rejection.
    const run = (async () => launch())().finally(() => {
      if (this.inFlight.get(id) === run) this.inFlight.delete(id);
    });
    this.inFlight.set(id, run);
    return run;
  }

  /** The launch under way for the session, if any. */
  pending(id: string): Promise<void> | undefined {
    return this.inFlight.get(id);
  }

  /** Resolves once no launch at all is under way (the host closing: what they start is then stopped too). */
  async settledAll(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Resolves once no launch of the session is under way, whatever their outcome. */
  async settled(id: string): Promise<void> {
    for (let pending = this.inFlight.get(id); pending; pending = this.inFlight.get(id)) {
      await pending.catch(() => undefined);
    }
  }
}
