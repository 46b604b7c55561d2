// The script a test gives the scripted model server: rules (when a request matches, reply so) and the
// request/reply shapes every wire encoder (Anthropic Messages, OpenAI Responses) shares.

/** Token counts of one reply; the server fills them in deterministically (see `usageOf`). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

export interface ToolResult {
  /** The id of the tool call this answers (Anthropic `tool_use_id`, Responses `call_id`). */
  toolUseId: string;
  /** Its content as text (blocks joined). */
  content: string;
  isError: boolean;
}

/** One message of the conversation the CLI sent, reduced to what tests assert on. */
export interface ParsedMessage {
  role: string;
  text: string;
  toolCalls: ToolCall[];
  toolResults: ToolResult[];
}

/** What an API encoder extracts from a request body. */
export interface ParsedRequest {
  model?: string;
  stream: boolean;
  messages: ParsedMessage[];
  /** Text of the last user message, without `<system-reminder>` sections; '' if it holds only tool results. */
  lastUserText: string;
  /** Tool results in the last user message: what the model is being told now. */
  toolResults: ToolResult[];
  /** Whether the request offered tools (Claude Code's title request does not). */
  toolsOffered: boolean;
}

/** Every request the server received, in order. `api` is 'other' for paths with no API (logged, answered 404/empty). */
export interface RecordedRequest extends ParsedRequest {
  seq: number;
  api: string;
  method: string;
  path: string;
  body: unknown;
  /** Index of the rule that answered, or -1 for the default reply. Unset for requests that are not model calls. */
  rule?: number;
}

export type Reply =
  | { kind: 'text'; text: string; chunkDelayMs?: number; chunkSize?: number; usage?: Partial<Usage> }
  | { kind: 'tool'; name: string; input: Record<string, unknown>; text?: string; usage?: Partial<Usage> }
  | { kind: 'error'; status: number; type: string; message: string }
  /** Sends the start of a reply, then holds the stream open until `gate` settles (or the client goes). */
  | { kind: 'stall'; gate: Promise<void>; text?: string; usage?: Partial<Usage> };

/** A reply as handed to an encoder: usage resolved, ids assigned. */
export type PlannedReply = Reply & { usage: Usage; id: string; toolUseId: string };

export type Matcher = string | RegExp | ((request: RecordedRequest) => boolean);

export interface Rule {
  when: Matcher;
  reply: Reply | ((request: RecordedRequest) => Reply);
  /** How many requests this rule answers (unbounded if unset). */
  times?: number;
  /**
   * Rules match only requests that offer tools, so a CLI's side requests (Claude Code's title request)
   * get the default instead of using up a rule. Set to match those too.
   */
  sideRequests?: boolean;
}

export const text = (value: string, extra: Partial<Extract<Reply, { kind: 'text' }>> = {}): Reply => ({
  kind: 'text',
  text: value,
  ...extra,
});

export const toolCall = (name: string, input: Record<string, unknown>, leading?: string): Reply =>
  leading === undefined ? { kind: 'tool', name, input } : { kind: 'tool', name, input, text: leading };

export const apiError = (status: number, type: string, message: string): Reply => ({
  kind: 'error',
  status,
  type,
  message,
});

/** A stall reply and the function that releases it. */
export function stall(textAfter?: string): { reply: Reply; release: () => void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { reply: { kind: 'stall', gate, ...(textAfter === undefined ? {} : { text: textAfter }) }, release };
}

export function matches(when: Matcher, request: RecordedRequest): boolean {
  if (typeof when === 'string') return request.lastUserText.includes(when);
  if (when instanceof RegExp) return when.test(request.lastUserText);
  return when(request);
}

/**
 * Deterministic usage: 100 tokens in, one token out per 4 characters of the reply's text and tool input
 * (at least 1), no cache; a rule's own `usage` overrides any of them.
 */
export function usageOf(reply: Reply): Usage {
  const base: Usage = { inputTokens: 100, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 };
  if (reply.kind === 'error') return base;
  const chars = (reply.text ?? '').length + (reply.kind === 'tool' ? JSON.stringify(reply.input).length : 0);
  return { ...base, outputTokens: Math.max(1, Math.ceil(chars / 4)), ...reply.usage };
}
