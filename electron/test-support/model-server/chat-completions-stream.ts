import type { ServerResponse } from 'node:http';
import type { ApiHandler } from './model-server.js';
import type { ParsedMessage, ParsedRequest, PlannedReply, RecordedRequest } from './script.js';
import { parseArguments, partsText } from './request-parts.js';

// The OpenAI Chat Completions API as opencode 1.18 speaks it through @ai-sdk/openai-compatible (a provider
// with `options.baseURL`): POST {baseURL}/chat/completions, `stream: true`, `messages` with roles system /
// user / assistant (tool_calls: [{id, function: {name, arguments}}]) / tool (tool_call_id, content), and
// `tools` (absent on its title side request). A reply is SSE `data: {choices: [{delta}]}` chunks: content
// deltas, tool_calls deltas (id and name first, then the arguments in pieces), a last chunk with
// finish_reason and usage, then `data: [DONE]`.

type Message = Record<string, unknown>;

/** Tool messages become one user message holding only tool results (lastUserText '' as in the Messages API). */
function toMessages(raw: Message[]): ParsedMessage[] {
  const messages: ParsedMessage[] = [];
  for (const message of raw) {
    if (!message || typeof message !== 'object') continue;
    if (message.role === 'tool') {
      const last = messages.at(-1);
      const holder =
        last && last.role === 'user' && last.text === '' && last.toolResults.length > 0
          ? last
          : (messages[messages.push({ role: 'user', text: '', toolCalls: [], toolResults: [] }) - 1] as ParsedMessage);
      holder.toolResults.push({
        toolUseId: String(message.tool_call_id),
        content: partsText(message.content),
        isError: false,
      });
      continue;
    }
    const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as Message[]) : [];
    messages.push({
      role: String(message.role ?? ''),
      text: partsText(message.content),
      toolCalls: calls.map((call) => {
        const fn = (call.function ?? {}) as { name?: unknown; arguments?: unknown };
        return { id: String(call.id), name: String(fn.name), input: parseArguments(fn.arguments) };
      }),
      toolResults: [],
    });
  }
  return messages;
}

export function parseChatRequest(body: unknown): ParsedRequest {
  const request = (body ?? {}) as { model?: unknown; stream?: unknown; messages?: unknown; tools?: unknown };
  const messages = toMessages(Array.isArray(request.messages) ? (request.messages as Message[]) : []);
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

function usageJson(reply: PlannedReply) {
  const input = reply.usage.inputTokens + reply.usage.cacheReadTokens;
  return {
    prompt_tokens: input,
    completion_tokens: reply.usage.outputTokens,
    total_tokens: input + reply.usage.outputTokens,
    prompt_tokens_details: { cached_tokens: reply.usage.cacheReadTokens },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function closed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.once('close', () => resolve()));
}

function toolCallOf(reply: Extract<PlannedReply, { kind: 'tool' }>) {
  return {
    id: reply.toolUseId,
    type: 'function',
    function: { name: reply.name, arguments: JSON.stringify(reply.input) },
  };
}

/** Writes `reply` as Chat Completions answers: an error body, one JSON completion, or the SSE chunks. */
export async function writeChatReply(
  res: ServerResponse,
  reply: PlannedReply,
  request: RecordedRequest,
): Promise<void> {
  const model = request.model ?? 'scripted-model';
  if (reply.kind === 'error') {
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { type: reply.type, message: reply.message, param: null, code: reply.type } }));
    return;
  }
  const base = { id: `chatcmpl_${reply.id}`, created: 0, model };
  const finish = reply.kind === 'tool' ? 'tool_calls' : 'stop';
  if (!request.stream) {
    if (reply.kind === 'stall') await Promise.race([reply.gate, closed(res)]);
    const message = {
      role: 'assistant',
      content: reply.text ?? null,
      ...(reply.kind === 'tool' ? { tool_calls: [toolCallOf(reply)] } : {}),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message, finish_reason: finish }],
        usage: usageJson(reply),
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (delta: object, extra: object = {}) => {
    if (res.writableEnded || res.destroyed) return;
    const choice = { index: 0, delta, finish_reason: null, ...extra };
    res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [choice] })}\n\n`);
  };
  send({ role: 'assistant', content: '' });
  if (reply.kind === 'stall') await Promise.race([reply.gate, closed(res)]);
  const text = reply.text ?? '';
  const delay = reply.kind === 'text' ? (reply.chunkDelayMs ?? 0) : 0;
  const size = reply.kind === 'text' && reply.chunkSize ? reply.chunkSize : delay ? 8 : Math.max(1, text.length);
  for (const piece of text ? pieces(text, size) : []) {
    if (delay) await sleep(delay);
    send({ content: piece });
  }
  if (reply.kind === 'tool') {
    const call = toolCallOf(reply);
    send({
      tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }],
    });
    for (const piece of pieces(call.function.arguments, 40))
      send({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
  }
  if (!res.writableEnded && !res.destroyed) {
    const choice = { index: 0, delta: {}, finish_reason: finish };
    res.write(
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [choice], usage: usageJson(reply) })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  }
}

/** Chat Completions for the scripted model server: register it at `/v1/chat/completions` (opencode's baseURL + /chat/completions). */
export const chatCompletionsApi: ApiHandler = { api: 'chat', parse: parseChatRequest, write: writeChatReply };
