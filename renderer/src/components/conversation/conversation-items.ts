import type { AgentEvent } from '../../../../shared/agent-events.js';

/** A row of the Conversation tab: a message, a tool call with its result and the files it wrote, or a lone file event. */
export type ConversationItem =
  | { type: 'message'; key: string; event: AgentEvent }
  | { type: 'tool'; key: string; invoked: AgentEvent | null; completed: AgentEvent | null; files: AgentEvent[] }
  | { type: 'file'; key: string; event: AgentEvent };

/** Pairs each tool.invoked with its tool.completed and file events (by call id), keeping the order of invocation. */
export function conversationItems(events: AgentEvent[]): ConversationItem[] {
  const items: ConversationItem[] = [];
  const calls = new Map<string, Extract<ConversationItem, { type: 'tool' }>>();
  const callOf = (event: AgentEvent) => {
    const id = event.callId;
    let item = id ? calls.get(id) : undefined;
    if (!item) {
      item = { type: 'tool', key: `t${event.seq}`, invoked: null, completed: null, files: [] };
      items.push(item);
      if (id) calls.set(id, item);
    }
    return item;
  };
  for (const event of events) {
    if (event.kind === 'message.user' || event.kind === 'message.assistant')
      items.push({ type: 'message', key: `m${event.seq}`, event });
    else if (event.kind === 'tool.invoked') callOf(event).invoked = event;
    else if (event.kind === 'tool.completed') callOf(event).completed = event;
    else if (event.callId && calls.has(event.callId)) calls.get(event.callId)!.files.push(event);
    else items.push({ type: 'file', key: `f${event.seq}`, event });
  }
  return items;
}

/** Whether an item mentions `query` (case-insensitive) in its text, tool, input, output or files. */
export function itemMatches(item: ConversationItem, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const events = item.type === 'tool' ? [item.invoked, item.completed, ...item.files] : [item.event];
  return events.some((e) => [e?.text, e?.tool, e?.input, e?.path].some((field) => field?.toLowerCase().includes(q)));
}
