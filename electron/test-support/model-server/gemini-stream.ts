import type { ServerResponse } from 'node:http';
import type { ApiHandler } from './model-server.js';
import type { ParsedMessage, ParsedRequest, PlannedReply, RecordedRequest, ToolCall, ToolResult } from './script.js';

// The Gemini API as Gemini CLI 0.61 speaks it with GOOGLE_GEMINI_BASE_URL and a GEMINI_API_KEY:
// POST /v1beta/models/<model>:streamGenerateContent?alt=sse (the turn; `tools` lists its functionDeclarations)
// or :generateContent (side requests: the model router's JSON complexity score, no tools). `contents` is a
// list of {role: user|model, parts}; a part is {text}, {functionCall: {name, args, id}} or
// {functionResponse: {name, id, response}}. A reply is SSE chunks `data: {candidates:[{content:{parts}}]}`,
// the last with finishReason and usageMetadata. Gemini answers a functionCall in its next request with a
// functionResponse part under the same id.

type Part = Record<string, unknown>;
type Content = { role?: unknown; parts?: unknown };

function partsOf(content: Content): Part[] {
  return Array.isArray(content.parts) ? (content.parts.filter((p) => p && typeof p === 'object') as Part[]) : [];
}

function resultText(response: unknown): string {
  if (typeof response === 'string') return response;
  const value = (response ?? {}) as { output?: unknown; error?: unknown };
  const picked = value.output ?? value.error ?? response;
  return typeof picked === 'string' ? picked : JSON.stringify(picked);
}

function parseContent(content: Content): ParsedMessage {
  const parts = partsOf(content);
  const text = parts
    .filter((p) => typeof p.text === 'string' && p.thought !== true)
    .map((p) => p.text as string)
    .join('\n');
  const toolCalls: ToolCall[] = parts.flatMap((p) => {
    const call = p.functionCall as { name?: unknown; args?: unknown; id?: unknown } | undefined;
    return call ? [{ id: String(call.id ?? ''), name: String(call.name), input: call.args }] : [];
  });
  const toolResults: ToolResult[] = parts.flatMap((p) => {
    const result = p.functionResponse as { id?: unknown; response?: unknown } | undefined;
    if (!result) return [];
    const error = (result.response as { error?: unknown } | undefined)?.error !== undefined;
    return [{ toolUseId: String(result.id ?? ''), content: resultText(result.response), isError: error }];
  });
  // Gemini's own role for the model is "model"; tests read "assistant" as with the other APIs.
  const role = content.role === 'model' ? 'assistant' : String(content.role ?? '');
  return { role, text, toolCalls, toolResults };
}

const SESSION_CONTEXT = /<session_context>[^]*?<\/session_context>/g;

export function parseGeminiRequest(body: unknown): ParsedRequest {
  const request = (body ?? {}) as { contents?: unknown; tools?: unknown };
  const contents = Array.isArray(request.contents) ? (request.contents as Content[]) : [];
  const messages = contents.map(parseContent);
  const last = messages.findLast((m) => m.role === 'user');
  const tools = Array.isArray(request.tools) ? (request.tools as { functionDeclarations?: unknown[] }[]) : [];
  return {
    stream: false,
    messages,
    lastUserText: (last?.text ?? '').replace(SESSION_CONTEXT, '').trim(),
    toolResults: last?.toolResults ?? [],
    toolsOffered: tools.some((t) => (t.functionDeclarations?.length ?? 0) > 0),
  };
}

function modelOf(path: string): string {
  return /\/models\/([^:/]+):/.exec(path)?.[1] ?? 'gemini-scripted';
}

function usageJson(reply: PlannedReply) {
  const { inputTokens, outputTokens, cacheReadTokens } = reply.usage;
  return {
    promptTokenCount: inputTokens + cacheReadTokens,
    candidatesTokenCount: outputTokens,
    cachedContentTokenCount: cacheReadTokens,
    totalTokenCount: inputTokens + cacheReadTokens + outputTokens,
  };
}

function chunk(parts: Part[], extra: Record<string, unknown> = {}, model = 'gemini-scripted'): string {
  const candidate = { content: { role: 'model', parts }, index: 0, ...extra };
  return `data: ${JSON.stringify({ candidates: [candidate], modelVersion: model })}\r\n\r\n`;
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

function finalParts(reply: PlannedReply): Part[] {
  if (reply.kind !== 'tool') return [];
  return [{ functionCall: { id: reply.toolUseId, name: reply.name, args: reply.input } }];
}

/** Writes `reply` as the Gemini API answers: an error body, one JSON response (generateContent) or SSE chunks. */
export async function writeGeminiReply(
  res: ServerResponse,
  reply: PlannedReply,
  request: RecordedRequest,
): Promise<void> {
  const model = modelOf(request.path);
  if (reply.kind === 'error') {
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: reply.status, message: reply.message, status: reply.type } }));
    return;
  }
  const done = { finishReason: 'STOP' };
  if (!request.path.endsWith(':streamGenerateContent')) {
    if (reply.kind === 'stall') await Promise.race([reply.gate, closed(res)]);
    const parts = [...(reply.text ? [{ text: reply.text }] : []), ...finalParts(reply)];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        candidates: [{ content: { role: 'model', parts }, index: 0, ...done }],
        usageMetadata: usageJson(reply),
        modelVersion: model,
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (text: string) => {
    if (!res.writableEnded && !res.destroyed) res.write(text);
  };
  if (reply.kind === 'stall') await Promise.race([reply.gate, closed(res)]);
  const delay = reply.kind === 'text' ? (reply.chunkDelayMs ?? 0) : 0;
  const size = reply.kind === 'text' && reply.chunkSize ? reply.chunkSize : delay ? 8 : Infinity;
  const text = reply.text ?? '';
  for (const piece of text ? pieces(text, Number.isFinite(size) ? size : text.length) : []) {
    if (delay) await sleep(delay);
    send(chunk([{ text: piece }], {}, model));
  }
  const last = `data: ${JSON.stringify({
    candidates: [{ content: { role: 'model', parts: finalParts(reply) }, index: 0, ...done }],
    usageMetadata: usageJson(reply),
    modelVersion: model,
  })}\r\n\r\n`;
  send(last);
  res.end();
}

/**
 * The Gemini API for the scripted model server: register it at `/v1beta/models/*` (the model and the method
 * are part of the path).
 */
export const geminiApi: ApiHandler = { api: 'gemini', parse: parseGeminiRequest, write: writeGeminiReply };
