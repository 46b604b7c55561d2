import type Database from 'better-sqlite3';
import type { AgentEventDraft } from '../../../shared/agent-events.js';
import type { Session } from '../../../shared/session.js';
import { AgentEventRepository } from '../../store/agent-event-repository.js';
import type { EventHub } from '../event-hub.js';
import type { HookListener } from '../hooks/hook-event.js';
import { TranscriptService } from '../transcripts/index.js';
import { AgentEventRecorder } from './agent-event-recorder.js';
import { hookDrafts } from './hook-drafts.js';
import { recordHookFallback } from './hook-fallback.js';
import { trackTranscripts } from './transcript-tracking.js';
import { trackWorktreeFiles, type WorktreeFileEventsDeps } from './worktree-file-events.js';

/** How often, and how long at most, a hook's tool call waits for the transcript to report it first. */
const HOOK_STEP_MS = 500;
const HOOK_WAIT_MS = 10_000;

export interface AgentEventsDeps {
  db: Database.Database;
  events: EventHub;
  agentEnv(session: Session): NodeJS.ProcessEnv;
  sessionDir(id: string): string;
  /** A note on the session's history (a transcript that cannot be read: said once per session). */
  note(id: string, detail: string): void;
  /** The CLIs' hook events (SessionHooks.onHookEvent); returns the unsubscribe. */
  onHookEvent?(listener: HookListener): () => void;
  /** A session's provider and worktree: file events from `git status` for agents without a transcript. */
  session?: WorktreeFileEventsDeps['session'];
}

export interface AgentEventParts {
  /** Tails each live agent's transcript; `onEntries` gives other parts (usage) the raw entries. */
  transcripts: TranscriptService;
  /** The typed events read from them: stored, listed, broadcast. */
  agentEvents: AgentEventRecorder;
  close(): Promise<void>;
}

export function wireAgentEvents(deps: AgentEventsDeps): AgentEventParts {
  const repo = new AgentEventRepository(deps.db);
  const told = new Set<string>();
  const transcripts = new TranscriptService({
    cursors: repo,
    onError: (id, error) => {
      if (told.has(id)) return;
      told.add(id);
      deps.note(id, `its transcript could not be read (${error.message}); the conversation view may be incomplete`);
    },
  });
  const agentEvents = new AgentEventRecorder(repo, transcripts, deps.events);
  const untrack = trackTranscripts({ ...deps, transcripts, recorder: agentEvents });
  const session = deps.session;
  const unwatch = session
    ? trackWorktreeFiles({
        events: deps.events,
        session,
        hasTranscript: (provider) => transcripts.supports(provider),
        flush: (id) => transcripts.flush(id),
        record: (id, drafts) => agentEvents.record(id, drafts),
      })
    : undefined;
  const waiting = new Set<{ cancel(): void }>();
  const fallback = {
    flush: (id: string) => transcripts.flush(id),
    has: (id: string, key: string) => repo.has(id, key),
    record: (id: string, drafts: AgentEventDraft[]) => void agentEvents.record(id, drafts),
    stepMs: HOOK_STEP_MS,
    waitMs: HOOK_WAIT_MS,
  };
  const unhook = deps.onHookEvent?.((event) => {
    const drafts = hookDrafts(event);
    if (drafts.length === 0) return;
    const wait = recordHookFallback(fallback, event.sessionId, drafts);
    waiting.add(wait);
    wait.done
      .catch((error: Error) => console.error(`agent events: hook ${event.event} not recorded: ${error.message}`))
      .finally(() => waiting.delete(wait));
  });
  return {
    transcripts,
    agentEvents,
    async close() {
      for (const wait of waiting) wait.cancel();
      untrack();
      unhook?.();
      unwatch?.();
      agentEvents.close();
      await transcripts.close();
    },
  };
}
