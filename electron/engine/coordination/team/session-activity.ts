import type { AgentEvent } from '../../../../shared/agent-events.js';
import type { SessionActivity } from '../../../../shared/coordination.js';
import type { Session } from '../../../../shared/session.js';
import { isLive } from '../../../../shared/session-state.js';

const MESSAGE_CHARS = 300;
const TOOL_CHARS = 120;

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "Bash: npm test", "Write: src/a.ts": the tool and what it acts on (its file, command or input). */
export function toolSummary(event: AgentEvent): string {
  const tool = event.tool ?? 'tool';
  let detail = event.path ?? '';
  if (!detail && event.input) {
    try {
      const input = JSON.parse(event.input) as Record<string, unknown>;
      const named = input.command ?? input.cmd ?? input.description ?? input.pattern ?? input.url;
      detail = typeof named === 'string' ? named : Array.isArray(named) ? named.join(' ') : event.input;
    } catch {
      detail = event.input; // a cut-off input is not JSON: show what there is
    }
  }
  return oneLine(detail ? `${tool}: ${detail}` : tool, TOOL_CHARS);
}

/**
 * What the agent is doing, from its events in order: its last assistant message, and the last tool call
 * invoked and not completed (only while the session is live: an ended agent runs no tool).
 */
export function sessionActivity(session: Session, events: Iterable<AgentEvent>): SessionActivity {
  let lastMessage: string | null = null;
  const open = new Map<string, AgentEvent>();
  let unpaired: AgentEvent | undefined;
  for (const event of events) {
    if (event.kind === 'message.assistant' && event.text?.trim()) lastMessage = oneLine(event.text, MESSAGE_CHARS);
    else if (event.kind === 'tool.invoked') {
      if (event.callId) open.set(event.callId, event);
      else unpaired = event;
    } else if (event.kind === 'tool.completed') {
      if (event.callId) open.delete(event.callId);
      else unpaired = undefined;
    }
  }
  const calls = [...open.values(), ...(unpaired ? [unpaired] : [])].sort((a, b) => a.seq - b.seq);
  const current = isLive(session.status) ? calls.at(-1) : undefined;
  return {
    session,
    lastMessage,
    currentTool: current ? toolSummary(current) : null,
    question: session.question?.text ?? null,
  };
}
