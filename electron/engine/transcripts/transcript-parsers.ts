import type { AgentEventDraft } from './agent-event-draft.js';
import { claudeEvents } from './claude-entries.js';
import { codexEvents } from './codex-entries.js';

/** Turns a session's new entries into event drafts; may keep state between calls (per session). */
export type TranscriptParser = (entries: unknown[]) => AgentEventDraft[];

/**
 * A fresh parser for one session's transcript, by provider; null for CLIs whose transcript Flotilla does
 * not read. The demo agent writes entries in Claude Code's form.
 */
export function transcriptEvents(providerId: string): TranscriptParser | null {
  if (providerId === 'claude' || providerId === 'demo') return (entries) => entries.flatMap(claudeEvents);
  if (providerId === 'codex') {
    const calls = new Map<string, { tool: string; patch: string | null }>();
    return (entries) => entries.flatMap((entry) => codexEvents(entry, calls));
  }
  return null;
}
