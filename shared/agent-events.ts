import { z } from 'zod';

/**
 * What an agent did in a session, in the founding documents' vocabulary, read from its CLI's transcript
 * (or its hooks): the conversation and its tool calls, and the files those calls wrote.
 */
export const AgentEventKind = z.enum([
  'message.user',
  'message.assistant',
  'tool.invoked',
  'tool.completed',
  'file.created',
  'file.modified',
  'file.deleted',
]);
export type AgentEventKind = z.infer<typeof AgentEventKind>;

/** ok; error (the tool failed); denied (the user refused it at the CLI's question). */
export const ToolOutcome = z.enum(['ok', 'error', 'denied']);
export type ToolOutcome = z.infer<typeof ToolOutcome>;

export const AgentEvent = z.object({
  /** Order within the data directory: increases with every event recorded. */
  seq: z.number().int(),
  sessionId: z.string(),
  kind: AgentEventKind,
  /** When the CLI wrote it (ISO 8601), else when Flotilla read it. */
  at: z.string(),
  source: z.enum(['transcript', 'hook', 'watcher']),
  /** A message's text; a completed tool's output (cut to a few KB). */
  text: z.string().nullable(),
  /** The tool's name (Write, Bash, exec_command, …) on tool and file events. */
  tool: z.string().nullable(),
  /** The CLI's id of the tool call: pairs tool.invoked with tool.completed. */
  callId: z.string().nullable(),
  /** The tool's input as JSON (cut to a few KB). */
  input: z.string().nullable(),
  outcome: ToolOutcome.nullable(),
  /** The file of a file event, or the file a tool call names. */
  path: z.string().nullable(),
});
export type AgentEvent = z.infer<typeof AgentEvent>;

/**
 * An event read from a transcript (or a hook), before it is stored: `key` names its source uniquely within
 * the session (a tool call id, an entry uuid), so reading the same line twice (a restart, a truncated file
 * read again) or hearing of it from a hook as well records it once.
 */
export type AgentEventDraft = Omit<AgentEvent, 'seq' | 'sessionId'> & { key: string };

export const AgentEventsRequest = z
  .object({
    id: z.string().min(1).max(200),
    /** Only events after this seq (what a client already has). */
    after: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .strict();

/** One line summing an event up, for the CLI and the Conversation tab's collapsed rows. */
export function agentEventSummary(event: AgentEvent): string {
  const oneLine = (text: string | null, max = 120) => {
    const flat = (text ?? '').replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  switch (event.kind) {
    case 'message.user':
    case 'message.assistant':
      return oneLine(event.text);
    case 'tool.invoked':
      return `${event.tool ?? '?'} ${event.path ?? oneLine(event.input, 100)}`.trim();
    case 'tool.completed':
      return `${event.tool ?? '?'} ${event.outcome ?? ''}${event.path ? ` ${event.path}` : ''}`.trim();
    default:
      return `${event.path ?? ''}${event.tool ? ` (${event.tool})` : ''}`;
  }
}

/** The contract's entries for agent events (spread into shared/contract.ts). */
export const agentEventMethods = {
  /** A session's typed events (messages, tool calls, files), oldest first; `after` a seq for what is new. */
  'session.agentEvents': { request: AgentEventsRequest, response: z.object({ events: z.array(AgentEvent) }) },
} as const;

export const agentEventEvents = {
  /** Events just recorded for a session, in order. */
  'session.agentEvent': z.object({ id: z.string(), events: z.array(AgentEvent) }),
} as const;
