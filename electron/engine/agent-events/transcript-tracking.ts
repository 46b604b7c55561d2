import path from 'node:path';
import { isEnded } from '../../../shared/session-state.js';
import type { Session } from '../../../shared/session.js';
import type { EventHub } from '../event-hub.js';
import type { TranscriptService } from '../transcripts/index.js';
import type { AgentEventRecorder } from './agent-event-recorder.js';

export interface TrackingDeps {
  events: EventHub;
  transcripts: TranscriptService;
  recorder: AgentEventRecorder;
  /** The environment the session's agent runs with (the engine's, then its profile's variables). */
  agentEnv(session: Session): NodeJS.ProcessEnv;
  sessionDir(id: string): string;
}

/**
 * Tails a session's transcript while its agent lives: from its first live status (a launch, a resume, a
 * restart, also after a host restart) until it exits, when what it wrote last is read and tailing stops.
 */
export function trackTranscripts(deps: TrackingDeps): () => void {
  const { transcripts } = deps;
  const start = (session: Session) => {
    if (!transcripts.supports(session.provider) || isEnded(session.status)) return;
    if (session.status === 'creating' || session.status === 'paused') return;
    transcripts.start({
      sessionId: session.id,
      providerId: session.provider,
      conversationId: session.conversationId,
      worktreePath: path.resolve(session.worktreePath),
      stateDir: deps.sessionDir(session.id),
      env: deps.agentEnv(session),
    });
  };
  return deps.events.subscribe((event) => {
    switch (event.name) {
      case 'session.status':
      case 'session.resumed':
        start(event.payload.session);
        break;
      case 'session.exited':
        void transcripts.stop(event.payload.id);
        break;
      case 'session.removed':
        void transcripts.stop(event.payload.id).then(() => deps.recorder.forget(event.payload.id));
        break;
      default:
        break;
    }
  });
}
