import type { AgentEventDraft } from '../../../shared/agent-events.js';

export interface HookFallbackDeps {
  /** Reads what the session's transcript holds now (TranscriptService.flush). */
  flush(sessionId: string): Promise<void>;
  /** Whether an event under this source key is recorded already. */
  has(sessionId: string, key: string): boolean;
  record(sessionId: string, drafts: AgentEventDraft[]): void;
  /** How often the transcript is read again while the hook waits, and for how long at most (ms). */
  stepMs: number;
  waitMs: number;
}

/**
 * A hook's tool call is only the fallback for a transcript that lags or fails: Claude Code runs its PreToolUse
 * hook before it has written the prompt and the call to its transcript, and under load it writes them seconds
 * later. So the hook's drafts wait while the transcript is read again every `stepMs`; once the transcript has
 * them (same keys) nothing is left to do, and only what is still missing after `waitMs` is recorded from the
 * hook, after what the transcript gave meanwhile, so the order stays. Returns the waiting's cancel.
 */
export function recordHookFallback(
  deps: HookFallbackDeps,
  sessionId: string,
  drafts: AgentEventDraft[],
): { cancel(): void; done: Promise<void> } {
  let cancelled = false;
  let wake = () => {};
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const missing = () => drafts.filter((d) => !deps.has(sessionId, d.key));
  const done = (async () => {
    const until = Date.now() + deps.waitMs;
    while (!cancelled) {
      await sleep(deps.stepMs);
      if (cancelled) return;
      await deps.flush(sessionId);
      if (cancelled || missing().length === 0) return;
      if (Date.now() >= until) break;
    }
    if (!cancelled) deps.record(sessionId, missing());
  })();
  return {
    done,
    cancel() {
      cancelled = true;
      wake();
    },
  };
}
