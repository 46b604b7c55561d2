import type { PromptQuestion } from '../../../shared/session.js';
import type { LiveStatus } from '../../../shared/session-state.js';
import type { Provider } from '../../providers/provider.js';
import type { ScreenMirror } from '../output/screen-mirror.js';

/** What the screen says the agent is doing: one of the live statuses. */
export type ActivityStatus = LiveStatus;

export interface Activity {
  status: ActivityStatus;
  question: PromptQuestion | null;
  /** The screen showed the CLI's busy marker (not merely recent output) when this was read. */
  busy?: boolean;
}

const EVALUATE_DEBOUNCE_MS = 25;

/**
 * Derives running / waiting / idle from the mirrored screen. Evaluated shortly after output arrives
 * and once when the quiet period after the last output ends; no timer runs while nothing happens.
 */
export class ActivityTracker {
  private lastOutputAt = Date.now();
  private current: Activity = { status: 'running', question: null };
  private evaluateTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private suspended = false;

  constructor(
    private readonly provider: Provider,
    private readonly mirror: ScreenMirror,
    private readonly quietMs: () => number,
    private readonly onChange: (activity: Activity) => void,
  ) {}

  get activity(): Activity {
    return this.current;
  }

  noteOutput(): void {
    if (this.suspended) return;
    this.lastOutputAt = Date.now();
    this.evaluateTimer ??= setTimeout(() => void this.evaluate(), EVALUATE_DEBOUNCE_MS);
    this.armIdleTimer(this.quietMs());
  }

  private armIdleTimer(delayMs: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      void this.evaluate();
    }, delayMs);
  }

  async evaluate(): Promise<void> {
    this.evaluateTimer = undefined;
    if (this.suspended) return;
    let lines: string[];
    try {
      lines = await this.mirror.lines();
    } catch {
      return; // the mirror thread restarted: the next output reads the screen again
    }
    if (this.suspended) return;
    const reading = this.provider.readScreen(lines);
    const sinceOutput = Date.now() - this.lastOutputAt;
    const quiet = sinceOutput >= this.quietMs();
    // A timer may fire a millisecond before Date.now() says the quiet period is over: look again then,
    // or the session would stay `running` with nothing left to wake it.
    if (!quiet && this.idleTimer === undefined) this.armIdleTimer(this.quietMs() - sinceOutput + 1);
    const next: Activity = reading.question
      ? { status: 'waiting', question: reading.question }
      : { status: reading.busy || !quiet ? 'running' : 'idle', question: null, busy: reading.busy };
    // Two dialogs may ask the same words ("Do you want to proceed?") about different commands.
    const sameQuestion = next.question?.text === this.current.question?.text && next.question?.detail === this.current.question?.detail;
    if (next.status !== this.current.status || !sameQuestion) {
      this.current = next;
      this.onChange(next);
    }
  }

  /** While paused nothing is evaluated; resume() reads the screen afresh. */
  suspend(): void {
    this.suspended = true;
    this.clearTimers();
  }

  resume(): void {
    this.suspended = false;
    this.current = { status: 'running', question: null };
    this.noteOutput();
  }

  stop(): void {
    this.suspended = true;
    this.clearTimers();
  }

  private clearTimers(): void {
    if (this.evaluateTimer) clearTimeout(this.evaluateTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.evaluateTimer = undefined;
    this.idleTimer = undefined;
  }
}
