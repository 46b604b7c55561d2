import type { AgentEvent } from '../../../shared/agent-events.js';
import type { AgentEventRepository } from '../../store/agent-event-repository.js';
import type { EventHub } from '../event-hub.js';
import {
  transcriptEvents,
  type AgentEventDraft,
  type TranscriptParser,
  type TranscriptService,
} from '../transcripts/index.js';

/**
 * Turns what the transcripts say into the session's typed events: parses each session's new entries with
 * its CLI's parser, records the events not recorded before (SQLite, keyed by source), and pushes the new
 * ones to every client as `session.agentEvent`.
 */
export class AgentEventRecorder {
  private readonly parsers = new Map<string, TranscriptParser | null>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly repo: AgentEventRepository,
    transcripts: TranscriptService,
    private readonly events: EventHub,
  ) {
    this.unsubscribe = transcripts.onEntries((sessionId, providerId, entries) => {
      let parser = this.parsers.get(sessionId);
      if (parser === undefined) {
        parser = transcriptEvents(providerId);
        this.parsers.set(sessionId, parser);
      }
      if (parser) this.record(sessionId, parser(entries));
    });
  }

  /** Records drafts from any source (a transcript, a hook); returns and broadcasts the ones that are new. */
  record(sessionId: string, drafts: AgentEventDraft[]): AgentEvent[] {
    const added = this.repo.record(sessionId, drafts);
    if (added.length > 0) this.events.emit('session.agentEvent', { id: sessionId, events: added });
    return added;
  }

  list(sessionId: string, after?: number, limit?: number): AgentEvent[] {
    return this.repo.list(sessionId, after, limit);
  }

  /** A session that ended or was removed: its parser state (Codex calls awaiting output) goes. */
  forget(sessionId: string): void {
    this.parsers.delete(sessionId);
  }

  close(): void {
    this.unsubscribe();
  }
}
