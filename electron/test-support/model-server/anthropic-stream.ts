import type { ServerResponse } from 'node:http';
import type { ParsedMessage, ParsedRequest, PlannedReply, RecordedRequest, ToolCall, ToolResult } from './script.js';

// The Anthropic Messages API as Claude Code speaks it: a JSON request body in, a reply either as one JSON
// message or as server-sent events (message_start, content_block_start/delta/stop, message_delta,
// message_stop), the form `stream: true` asks for.

type Block = Record<string, unknown>;

const REMINDER = /<system-reminder>[^]*?<\/system-reminder>/g;

function blocksOf(content: unknown): Block[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? (content.filter((b) => b && typeof b === 'object') as Block[]) : [];
}

function textOf(content: unknown): string {
  return blocksOf(content)
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text as string)
    .join('\n');
}

function parseMessage(raw: unknown): ParsedMessage {
  const message = (raw ?? {}) as { role?: unknown; content?: unknown };
  const blocks = blocksOf(message.content);
  const toolCalls: ToolCall[] = blocks
    .filter((b) => b.type === 'tool_use')
    .map((b) => ({ id: String(b.id), name: String(b.name), input: b.input }));
  const toolResults: ToolResult[] = blocks
    .filter((b) => b.type === 'tool_result')
    .map((b) => ({ toolUseId: String(b.tool_use_id), content: textOf(b.content), isError: b.is_error === true }));
  return { role: String(message.role ?? ''), text: textOf(message.content), toolCalls, toolResults };
}

export function parseAnthropicRequest(body: unknown): ParsedRequest {
  const request = (body ?? {}) as { model?: unknown; stream?: unknown; messages?: unknown; tools?: unknown };
  const messages = Array.isArray(request.messages) ? request.messages.map(parseMessage) : [];
  const last = messages.findLast((m) => m.role === 'user');
  return {
    ...(typeof request.model === 'string' ? { model: request.model } : {}),
    stream: request.stream === true,
    messages,
    lastUserText: (last?.text ?? '').replace(REMINDER, '').trim(),
    toolResults: last?.toolResults ?? [],
    toolsOffered: Array.isArray(request.tools) && request.tools.length > 0,
  };
}

function usageJson(reply: PlannedReply) {
  return {
    input_tokens: reply.usage.inputTokens,
    output_tokens: reply.usage.outputTokens,
    cache_read_input_tokens: reply.usage.cacheReadTokens,
    cache_creation_input_tokens: reply.usage.cacheWriteTokens,
  };
}

function contentOf(reply: PlannedReply): Block[] {
  const blocks: Block[] = [];
  if (reply.kind !== 'error' && reply.text) blocks.push({ type: 'text', text: reply.text });
  if (reply.kind === 'tool')
    blocks.push({ type: 'tool_use', id: reply.toolUseId, name: reply.name, input: reply.input });
  return blocks;
}

function message(reply: PlannedReply, model: string, content: Block[], stopReason: string | null) {
  return {
    id: reply.id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: usageJson(reply),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Writes `reply` as the Messages API answers: an error body, one JSON message, or the SSE stream. */
export async function writeAnthropicReply(
  res: ServerResponse,
  reply: PlannedReply,
  request: RecordedRequest,
): Promise<void> {
  const model = request.model ?? 'claude-scripted';
  if (reply.kind === 'error') {
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'error', error: { type: reply.type, message: reply.message } }));
    return;
  }
  const stopReason = reply.kind === 'tool' ? 'tool_use' : 'end_turn';
  if (!request.stream) {
    if (reply.kind === 'stall') await Promise.race([reply.gate, closed(res)]);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(message(reply, model, contentOf(reply), stopReason)));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (type: string, data: object) => {
    if (!res.writableEnded && !res.destroyed)
      res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  };
  const start = message(reply, model, [], null);
  send('message_start', { message: { ...start, usage: { ...start.usage, output_tokens: 1 } } });
  send('ping', {});
  if (reply.kind === 'stall') await Promise.race([reply.gate, closed(res)]);
  let index = 0;
  if (reply.text) {
    send('content_block_start', { index, content_block: { type: 'text', text: '' } });
    const delay = reply.kind === 'text' ? (reply.chunkDelayMs ?? 0) : 0;
    const size = reply.kind === 'text' && reply.chunkSize ? reply.chunkSize : delay ? 8 : reply.text.length;
    for (const piece of chunks(reply.text, size)) {
      if (delay) await sleep(delay);
      send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    }
    send('content_block_stop', { index });
    index += 1;
  }
  if (reply.kind === 'tool') {
    send('content_block_start', {
      index,
      content_block: { type: 'tool_use', id: reply.toolUseId, name: reply.name, input: {} },
    });
    // Split the input, as the real API streams it, so the client's JSON assembly is exercised.
    for (const piece of chunks(JSON.stringify(reply.input), 40))
      send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
    send('content_block_stop', { index });
  }
  send('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: usageJson(reply) });
  send('message_stop', {});
  res.end();
}

function closed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.once('close', () => resolve()));
}
