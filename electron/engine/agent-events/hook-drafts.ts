import type { AgentEventDraft } from '../../../shared/agent-events.js';
import type { HookEvent } from '../hooks/hook-event.js';
import { draft, isRecord, toolInput } from '../transcripts/agent-event-draft.js';

/**
 * What a CLI's hook says that the typed events record: PreToolUse (Claude Code 2.1.197 passes tool_name,
 * tool_input and tool_use_id) is a tool.invoked keyed by the call id, the key the transcript's tool_use block
 * gets too, so the call is recorded once, from whichever arrives first. Everything else is left to the
 * transcript, which has all of it.
 */
export function hookDrafts(event: HookEvent): AgentEventDraft[] {
  const payload = event.payload;
  if (event.event !== 'PreToolUse' || !isRecord(payload)) return [];
  const callId = payload.tool_use_id;
  if (typeof callId !== 'string' || !callId) return [];
  const tool = typeof payload.tool_name === 'string' ? payload.tool_name : '?';
  const { input, path } = toolInput(payload.tool_input);
  const at = new Date(event.receivedAt).toISOString();
  return [draft({ key: `ti:${callId}`, kind: 'tool.invoked', at, source: 'hook', tool, callId, input, path })];
}
