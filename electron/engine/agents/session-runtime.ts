import type { Provider } from '../../providers/provider.js';
import { ActivityTracker, type Activity } from './activity-tracker.js';
import type { AgentProcess } from './agent-process.js';
import { type ExitInfo } from './agent-process.js';
import { OutputBatcher } from '../output/output-batcher.js';
import type { OutputLog } from '../output/output-log.js';
import type { ScreenMirror } from '../output/screen-mirror.js';

const SNAPSHOT_INTERVAL_MS = 1000;
/** Stop reading the pty while the mirror has this much unparsed output; read again below the low mark. */
const MIRROR_HIGH_WATER = 512 * 1024;
const MIRROR_LOW_WATER = 64 * 1024;

/**
 * Runs an engine callback from a pty or timer event: a failure there (say, the database on a full disk)
 * is reported, never allowed to take the whole host down with an uncaught exception.
 */
function contain(what: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error(`flotilla: handling ${what} failed:`, error);
  }
}

/** Why the engine ended a process itself, so its exit is not mistaken for the agent's own. */
export type StopIntent = 'kill' | 'shutdown' | undefined;

export interface RuntimeHandlers {
  onOutput(data: string): void;
  onActivity(activity: Activity): void;
  /** `screen`: the agent's last visible lines. */
  onExit(info: ExitInfo, intent: StopIntent, screen: string[]): void;
}

/**
 * One live agent: its pty process, the mirror of its screen, its output log and activity tracker.
 * Data path: pty -> log (at once, for crash safety) -> batcher -> mirror + clients -> detector.
 */
export class SessionRuntime {
  intent: StopIntent;
  readonly tracker: ActivityTracker;
  private readonly batcher: OutputBatcher;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private readonly holds = new Set<string>();
  private snapshots = 0;
  private snapshotting: Promise<void> | undefined;
  private snapshotAgain = false;
  readonly closed: Promise<void>;

  constructor(
    readonly process: AgentProcess,
    readonly mirror: ScreenMirror,
    private readonly log: OutputLog,
    provider: Provider,
    quietMs: () => number,
    handlers: RuntimeHandlers,
  ) {
    this.tracker = new ActivityTracker(provider, mirror, quietMs, (a) =>
      contain('activity', () => handlers.onActivity(a)),
    );
    this.batcher = new OutputBatcher((data) => {
      void mirror.write(data).then(() => {
        if (mirror.unparsed < MIRROR_LOW_WATER) this.release('mirror');
      });
      if (mirror.unparsed > MIRROR_HIGH_WATER) this.hold('mirror');
      this.tracker.noteOutput();
      contain('output', () => handlers.onOutput(data));
      this.scheduleSnapshot();
    });
    // The log rotates as output reaches its cap: a snapshot right after names the new log, so a restore
    // after a crash replays from there even if a flood rotates it again before the next tick.
    log.onRotated = () => void this.snapshot();
    process.onData((data) => {
      log.append(data);
      this.batcher.push(data);
    });
    this.closed = process.exited.then(async (info) => {
      this.batcher.dispose();
      this.tracker.stop();
      if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
      await this.snapshot();
      await log.close();
      // Its last screen says why an agent gave up ("Unable to connect …"), which the exit code does not.
      const screen = await mirror.lines().catch(() => []);
      contain('exit', () => handlers.onExit(info, this.intent, screen));
    });
  }

  /**
   * The serialized screen, consistent with the output stream: everything before it is in the snapshot,
   * everything after it arrives as output events. Output is held back (not dropped) until the caller,
   * continuing in the same tick it receives the snapshot, has registered for what follows.
   */
  async consistentSnapshot(): Promise<{ screen: string; logOffset: number; logId: number }> {
    const reopen = this.batcher.gate();
    this.snapshots++;
    this.hold('snapshot');
    try {
      return await this.screenAtLogEnd();
    } finally {
      // A macrotask later: every promise continuation of the caller runs first.
      setImmediate(() => {
        reopen();
        if (--this.snapshots === 0) this.release('snapshot');
      });
    }
  }

  /**
   * Flow control: while anyone holds (the mirror catching up, a client with too much unrendered output),
   * the pty is not read, so the agent blocks on write instead of the host buffering without bound.
   */
  hold(reason: string): void {
    if (this.holds.has(reason)) return;
    if (this.holds.size === 0) this.process.holdOutput();
    this.holds.add(reason);
  }

  release(reason: string): void {
    if (this.holds.delete(reason) && this.holds.size === 0) this.process.releaseOutput();
  }

  private scheduleSnapshot(): void {
    this.snapshotTimer ??= setTimeout(() => {
      this.snapshotTimer = undefined;
      void this.snapshot();
    }, SNAPSHOT_INTERVAL_MS);
  }

  /**
   * The screen as of everything the log holds now. Output keeps flowing meanwhile: the mirror answers
   * with the screen as of the writes made before the request, which are exactly what the log holds.
   */
  private async screenAtLogEnd(): Promise<{ screen: string; logOffset: number; logId: number }> {
    this.batcher.flush();
    const position = this.log.position();
    return { screen: await this.mirror.serialize(), ...position };
  }

  /** One snapshot at a time (they share a temp file); a request meanwhile is served once it is done. */
  private async snapshot(): Promise<void> {
    if (this.snapshotting) {
      this.snapshotAgain = true;
      return this.snapshotting;
    }
    this.snapshotting = (async () => {
      do {
        this.snapshotAgain = false;
        const { screen, logOffset, logId } = await this.screenAtLogEnd();
        await this.log
          .writeSnapshot({ cols: this.mirror.cols, rows: this.mirror.rows, screen, logOffset, logId })
          .catch(() => undefined);
      } while (this.snapshotAgain);
    })().finally(() => (this.snapshotting = undefined));
    return this.snapshotting;
  }
}
