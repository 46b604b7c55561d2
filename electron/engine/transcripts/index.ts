/**
 * Reading what agent CLIs write about their sessions. Other parts subscribe to new transcript entries with
 * `TranscriptService.onEntries` (the engine's instance: SessionManager.transcripts): raw JSON per line, per
 * session, each delivered once (usage records for cost are in them: Claude `message.usage`, Codex
 * `event_msg` token_count). The agent-event parsers turn entries into typed events.
 */
export { TranscriptService, type TranscriptListener, type CursorStore } from './transcript-service.js';
export type { TranscriptCursor } from './transcript-file.js';
export type { LocateContext } from './transcript-locators.js';
export { transcriptEvents, type TranscriptParser } from './transcript-parsers.js';
export type { AgentEventDraft } from './agent-event-draft.js';
