import type { PromptQuestion } from '../../../shared/session.js';
import type { LiveStatus } from '../../../shared/session-state.js';
import type { ScreenReading } from '../../providers/provider.js';
import type { Activity } from '../agents/activity-tracker.js';
import { hookClaim } from './hook-claim.js';
import type { HookEvent } from './hook-event.js';

/** A status the arbiter decided, and the source whose word decided it. */
export interface Verdict {
  status: LiveStatus;
  question: PromptQuestion | null;
  source: 'hook' | 'screen';
  detail: string | null;
}

export interface ArbiterHost {
  /** The session's status now; undefined when it has no live agent. */
  status(id: string): LiveStatus | 'other' | undefined;
  question(id: string): PromptQuestion | null;
  apply(id: string, verdict: Verdict): void;
  /** The screen read now (as status reading sees it), and its last lines for the history. */
  screenNow(id: string): Promise<{ reading: ScreenReading; lines: string[] } | null>;
  /** Has the screen reader look again (it reports a change through fromScreen). */
  rereadScreen(id: string): Promise<Activity | null>;
  note(id: string, kind: string, detail: string): void;
}

/** How long sources may disagree before it is logged: a dialog is drawn within ms of its hook. */
export const DISAGREE_MS = 1500;
/** How long a hook's "running" stands against a silent, idle screen before the screen wins (a missed Stop). */
export const RECONCILE_MS = 3000;
const EXCERPT_LINES = 8;
/** After a Stop, the screen is read again every STOP_SETTLE_MS until it shows the CLI no longer busy (≤ 2 s). */
const STOP_SETTLE_MS = 50;
const STOP_SETTLE_TRIES = 40;
/**
 * How long after a Stop plain output (no busy marker) is taken for the CLI's last redraw of its turn rather
 * than new work. Past it, output is new work again: Codex's turn-complete notice can come after the screen
 * already went quiet, and the next prompt's answer may be drawn before any busy marker.
 */
export const STOP_REDRAW_MS = 1000;

interface Claim {
  status: LiveStatus;
  event: string;
  /** When the hook arrived (Date.now()). */
  at: number;
}

interface SessionView {
  claim: Claim | null;
  screen: Activity | null;
  timers: Map<'disagree' | 'reconcile', NodeJS.Timeout>;
}

/**
 * Status from several sources: the CLI's hooks first, the screen as the check and the fallback. A question
 * on the screen always means waiting (and is the only thing answers act on); a hook's permission request
 * means waiting until the screen shows the question leave or work resume; a hook's Stop means idle unless the
 * screen still shows the CLI busy; a hook's "running" stands until the screen says otherwise. Without hooks
 * (a CLI that has none, or hooks that never arrive) the screen's word is the status, as before.
 */
export class StatusArbiter {
  private readonly views = new Map<string, SessionView>();

  constructor(private readonly host: ArbiterHost) {}

  /** The screen reader's view changed. */
  fromScreen(id: string, activity: Activity): void {
    const view = this.view(id);
    const before = view.screen;
    view.screen = activity;
    const claim = view.claim;
    if (activity.question) {
      if (claim && claim.status !== 'waiting') {
        view.claim = null;
        this.checkLater(
          id,
          `the hook said ${claim.status} (${claim.event}) but the screen asks "${activity.question.text}"`,
          () => this.host.status(id) === 'waiting' && view.screen?.question != null,
        );
      }
      return this.apply(id, {
        status: 'waiting',
        question: activity.question,
        source: 'screen',
        detail: activity.question.text,
      });
    }
    if (claim?.status === 'waiting') {
      // Only the question seen leaving, or the CLI's busy marker, ends a permission request the hook announced.
      if (!before?.question && !activity.busy) return;
    } else if (
      claim?.status === 'idle' &&
      activity.status === 'running' &&
      !activity.busy &&
      Date.now() - claim.at < STOP_REDRAW_MS
    ) {
      return; // the last redraw after Stop is no new work
    }
    view.claim = null;
    this.apply(id, { status: activity.status, question: null, source: 'screen', detail: null });
  }

  /**
   * Something was written to the agent. An Enter after a Stop starts the next turn: the Stop's word ends
   * there, and the screen's (already read, perhaps held back as the last redraw) stands again. Codex's
   * turn-complete notice can come after its screen settled, and its next answer may be drawn before any
   * busy marker: without this the session went from idle straight to waiting.
   */
  fromInput(id: string, data: string): void {
    const view = this.views.get(id);
    if (view?.claim?.status !== 'idle' || !data.includes('\r')) return;
    view.claim = null;
    const screen = view.screen;
    if (screen && !screen.question && screen.status !== this.host.status(id)) {
      this.apply(id, { status: screen.status, question: null, source: 'screen', detail: null });
    }
  }

  /** A hook event arrived for a live session. */
  async fromHook(event: HookEvent): Promise<void> {
    const status = hookClaim(event.event);
    const id = event.sessionId;
    if (!status || this.host.status(id) === undefined) return;
    const view = this.view(id);
    const claim = { status, event: describe(event), at: Date.now() };
    view.claim = claim;
    const screen = await this.host.screenNow(id);
    if (view.claim !== claim) return; // a newer event came meanwhile
    const question = screen?.reading.question ?? null;
    if (question) {
      if (status === 'waiting') this.apply(id, { status, question, source: 'hook', detail: claim.event });
      else
        this.checkLater(
          id,
          `the hook said ${status} (${claim.event}) but the screen asks "${question.text}"`,
          () => view.claim === claim && this.host.status(id) === 'waiting',
        );
      return;
    }
    if (status === 'waiting') {
      const current = this.host.status(id) === 'waiting' ? this.host.question(id) : null;
      this.apply(id, { status, question: current, source: 'hook', detail: claim.event });
      this.checkLater(
        id,
        `the hook asked for permission (${claim.event}) but no question is on the screen`,
        () => view.claim === claim && !view.screen?.question,
      );
    } else if (status === 'idle') {
      // Claude Code runs its Stop hooks before it takes its spinner down: idle once the screen says so too.
      if (screen?.reading.busy) this.settleStop(id, claim, STOP_SETTLE_TRIES);
      else this.apply(id, { status, question: null, source: 'hook', detail: claim.event });
    } else {
      this.apply(id, { status, question: null, source: 'hook', detail: claim.event });
      this.reconcileLater(id, claim);
    }
  }

  forget(id: string): void {
    const view = this.views.get(id);
    for (const timer of view?.timers.values() ?? []) clearTimeout(timer);
    this.views.delete(id);
  }

  close(): void {
    for (const id of [...this.views.keys()]) this.forget(id);
  }

  private view(id: string): SessionView {
    let view = this.views.get(id);
    if (!view) {
      view = { claim: null, screen: null, timers: new Map() };
      this.views.set(id, view);
    }
    return view;
  }

  private apply(id: string, verdict: Verdict): void {
    if (this.host.status(id) === undefined) return;
    this.host.apply(id, verdict);
  }

  /** Looks at the screen again shortly after a Stop that came while it still showed the CLI busy. */
  private settleStop(id: string, claim: Claim, tries: number): void {
    this.schedule(id, 'reconcile', STOP_SETTLE_MS, async () => {
      const view = this.views.get(id);
      if (view?.claim !== claim) return;
      const screen = await this.host.screenNow(id);
      if (view.claim !== claim || !screen || screen.reading.question) return;
      if (!screen.reading.busy) this.apply(id, { status: 'idle', question: null, source: 'hook', detail: claim.event });
      else if (tries > 1) this.settleStop(id, claim, tries - 1);
    });
  }

  /** A missed Stop must not leave a session running for ever: after a while a silent, idle screen wins. */
  private reconcileLater(id: string, claim: Claim): void {
    this.schedule(id, 'reconcile', RECONCILE_MS, async () => {
      const view = this.views.get(id);
      if (view?.claim !== claim) return;
      const activity = await this.host.rereadScreen(id);
      if (view.claim !== claim || activity?.status !== 'idle' || this.host.status(id) !== 'running') return;
      view.claim = null;
      await this.log(
        id,
        `the hook said running (${claim.event}) but the screen is idle and quiet; following the screen`,
      );
      this.apply(id, { status: 'idle', question: null, source: 'screen', detail: null });
    });
  }

  /** Logs a disagreement on the session's history, with the screen, if it still holds after DISAGREE_MS. */
  private checkLater(id: string, what: string, stillDisagree: () => boolean): void {
    this.schedule(id, 'disagree', DISAGREE_MS, async () => {
      if (stillDisagree()) await this.log(id, what);
    });
  }

  /** One pending check of each kind per session: a newer one replaces it. */
  private schedule(id: string, kind: 'disagree' | 'reconcile', ms: number, run: () => Promise<void>): void {
    const view = this.view(id);
    clearTimeout(view.timers.get(kind));
    const timer = setTimeout(() => {
      view.timers.delete(kind);
      run().catch((error: unknown) => console.error(`flotilla: status check of session ${id} failed:`, error));
    }, ms);
    timer.unref();
    view.timers.set(kind, timer);
  }

  private async log(id: string, what: string): Promise<void> {
    const screen = await this.host.screenNow(id);
    const excerpt = (screen?.lines ?? [])
      .filter((line) => line.trim() !== '')
      .slice(-EXCERPT_LINES)
      .join('\n');
    this.host.note(id, 'status-disagreement', `${what}\nscreen:\n${excerpt}`);
  }
}

function describe(event: HookEvent): string {
  const tool = event.payload?.tool_name;
  return typeof tool === 'string' ? `${event.event} ${tool}` : event.event;
}
