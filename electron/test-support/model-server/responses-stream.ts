import type { ServerResponse } from 'node:http';
import type { ApiHandler } from './model-server.js';
import type { ParsedMessage, ParsedRequest, PlannedReply, RecordedRequest, ToolCall } from './script.js';
import { parseArguments, partsText } from './request-parts.js';

// The OpenAI Responses API as Codex 0.171 speaks it (`wire_api = "responses"`, POST {base_url}/responses,
// always `stream: true`): `input` is a list of items (message with input_text / output_text parts,
// function_call, function_call_output, reasoning), `tools` lists exec_command, write_stdin, ... and is empty
// on its thread-title side request. A reply is the SSE stream response.created, output_item.added/done per
// item (text through output_text.delta, tool calls as function_call items with call_id + JSON arguments),
// response.completed with usage. Codex answers a function_call in its next request with a
// function_call_output item of the same call_id.

type Item = Record<string, unknown>;

/**
 * Items become messages: a `message` item is one; a function_call joins the assistant message before it
 * (or starts one); function_call_output items form a user message holding only tool results, so a tool
 * result follow-up has lastUserText '' as in the Messages API. Developer messages keep their role.
 */
function toMessages(items: Item[]): ParsedMessage[] {
  const messages: ParsedMessage[] = [];
  const tail = (role: string): ParsedMessage => {
    const last = messages.at(-1);
    if (last && last.role === role && (role !== 'user' || last.text === '')) return last;
    const fresh: ParsedMessage = { role, text: '', toolCalls: [], toolResults: [] };
    messages.push(fresh);
    return fresh;
  };
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    if (item.type === 'message' || (item.type === undefined && typeof item.role === 'string')) {
      messages.push({ role: String(item.role ?? ''), text: partsText(item.content), toolCalls: [], toolResults: [] });
    } else if (item.type === 'function_call' || item.type === 'custom_tool_call') {
      const call: ToolCall = {
        id: String(item.call_id),
        name: String(item.name),
        input: parseArguments(item.arguments ?? item.input),
      };
      tail('assistant').toolCalls.push(call);
    } else if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      const output = item.output;
      const content = typeof output === 'string' ? output : partsText((output as Item | undefined)?.content ?? output);
      tail('user').toolResults.push({ toolUseId: String(item.call_id), content, isError: false });
    }
  }
  return messages;
}

export function parseResponsesRequest(body: unknown): ParsedRequest {
  const request = (body ?? {}) as { model?: unknown; stream?: unknown; input?: unknown; tools?: unknown };
  const items =
    typeof request.input === 'string'
      ? [{ type: 'message', role: 'user', content: request.input }]
      : Array.isArray(request.input)
        ? (request.input as Item[])
        : [];
  const messages = toMessages(items);
  const last = messages.findLast((m) => m.role === 'user');
  return {
    ...(typeof request.model === 'string' ? { model: request.model } : {}),
    stream: request.stream === true,
    messages,
    lastUserText: (last?.text ?? '').trim(),
    toolResults: last?.toolResults ?? [],
    toolsOffered: Array.isArray(request.tools) && request.tools.length > 0,
  };
}

/** Responses usage: input_tokens counts cached tokens too (cached_tokens says how many); no cache-write field. */
function usageJson(reply: PlannedReply) {
  const input = reply.usage.inputTokens + reply.usage.cacheReadTokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: reply.usage.cacheReadTokens },
    output_tokens: reply.usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + reply.usage.outputTokens,
  };
}

function messageItem(reply: PlannedReply, text: string): Item {
  return {
    type: 'message',
    id: reply.id,
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

function toolItem(reply: Extract<PlannedReply, { kind: 'tool' }>): Item {
  return {
    type: 'function_call',
    id: `fc_${reply.id}`,
    status: 'completed',
    call_id: reply.toolUseId,
    name: reply.name,
    arguments: JSON.stringify(reply.input),
  };
}

function outputOf(reply: PlannedReply): Item[] {
  const items: Item[] = [];
  if (reply.kind !== 'error' && reply.text) items.push(messageItem(reply, reply.text));
  if (reply.kind === 'tool') items.push(toolItem(reply));
  return items;
}

function response(reply: PlannedReply, model: string, status: string, output: Item[], withUsage: boolean): Item {
  return {
    id: `resp_${reply.id}`,
    object: 'response',
    created_at: 0,
    status,
    model,
    output,
    ...(withUsage ? { usage: usageJson(reply) } : {}),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function closed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.once('close', () => resolve()));
}

/** Writes `reply` as the Responses API answers: an error body, one JSON response, or the SSE stream. */
export async function writeResponsesReply(
  res: ServerResponse,
  reply: PlannedReply,
  request: RecordedRequest,
): Promise<void> {
  const model = request.model ?? 'gpt-scripted';
  if (reply.kind === 'error') {
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { type: reply.type, message: reply.message, param: null, code: reply.type } }));
    return;
  }
  if (!request.stream) {
    if (reply.kind === 'stall') await Promise.race([reply.gate, closed(res)]);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(response(reply, model, 'completed', outputOf(reply), true)));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  let sequence = 0;
  const send = (type: string, data: object) => {
    if (!res.writableEnded && !res.destroyed)
      res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`);
  };
  send('response.created', { response: response(reply, model, 'in_progress', [], false) });
  send('response.in_progress', { response: response(reply, model, 'in_progress', [], false) });
  if (reply.kind === 'stall') await Promise.race([reply.gate, closed(res)]);
  const output = outputOf(reply);
  for (const [index, item] of output.entries()) {
    if (item.type === 'message') {
      const text = reply.text ?? '';
      send('response.output_item.added', {
        output_index: index,
        item: { ...item, status: 'in_progress', content: [] },
      });
      const part = { item_id: item.id, output_index: index, content_index: 0 };
      send('response.content_part.added', { ...part, part: { type: 'output_text', text: '', annotations: [] } });
      const delay = reply.kind === 'text' ? (reply.chunkDelayMs ?? 0) : 0;
      const size = reply.kind === 'text' && reply.chunkSize ? reply.chunkSize : delay ? 8 : text.length;
      for (const piece of chunks(text, size)) {
        if (delay) await sleep(delay);
        send('response.output_text.delta', { ...part, delta: piece });
      }
      send('response.output_text.done', { ...part, text });
      send('response.content_part.done', { ...part, part: { type: 'output_text', text, annotations: [] } });
    } else {
      send('response.output_item.added', {
        output_index: index,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      // Split the arguments, as the real API streams them, so the client's assembly is exercised.
      for (const piece of chunks(String(item.arguments), 40))
        send('response.function_call_arguments.delta', { item_id: item.id, output_index: index, delta: piece });
      send('response.function_call_arguments.done', {
        item_id: item.id,
        output_index: index,
        arguments: item.arguments,
      });
    }
    send('response.output_item.done', { output_index: index, item });
  }
  send('response.completed', { response: response(reply, model, 'completed', output, true) });
  res.end();
}

/** The Responses API for the scripted model server: register it at `/v1/responses` (Codex's base_url + /responses). */
export const responsesApi: ApiHandler = { api: 'responses', parse: parseResponsesRequest, write: writeResponsesReply };
