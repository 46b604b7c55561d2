import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseAnthropicRequest, writeAnthropicReply } from './anthropic-stream.js';
import {
  matches,
  text,
  usageOf,
  type ParsedRequest,
  type PlannedReply,
  type RecordedRequest,
  type Reply,
  type Rule,
} from './script.js';

export * from './script.js';

/**
 * A scripted model endpoint for the real agent CLIs under test: an HTTP server on 127.0.0.1 that answers
 * model calls from a script of rules and records every request, so a test can make Claude Code (or Codex)
 * call Write, stall, or fail, and then assert what the CLI sent back (tool results, earlier messages).
 */

/** One wire API: how to read its request body and how to write a reply in its form. */
export interface ApiHandler {
  api: string;
  parse(body: unknown): ParsedRequest;
  write(res: ServerResponse, reply: PlannedReply, request: RecordedRequest): Promise<void>;
}

export const anthropicApi: ApiHandler = { api: 'anthropic', parse: parseAnthropicRequest, write: writeAnthropicReply };

export interface ModelServerOptions {
  rules?: Rule[];
  /** The reply when no rule matches a request that offers tools. */
  defaultReply?: Reply;
  /** The reply to side requests (no tools offered: Claude Code's title request) when no rule takes them. */
  sideReply?: Reply;
  /**
   * Extra APIs by path. HOOK for the OpenAI Responses encoder (model-server/responses-stream.ts, owned by
   * the Codex work): pass `{ '/v1/responses': responsesApi }` here or call `registerApi` on the server.
   */
  apis?: Record<string, ApiHandler>;
}

export interface ModelServer {
  port: number;
  /** http://127.0.0.1:PORT (ANTHROPIC_BASE_URL); add /v1 for clients that want it in the base. */
  url: string;
  /** Every request received, in order, model calls or not. */
  requests: RecordedRequest[];
  /** Model calls only (requests an API answered), optionally of one API. */
  modelRequests(api?: string): RecordedRequest[];
  /** Adds rules after the current ones. */
  addRules(...rules: Rule[]): void;
  registerApi(path: string, handler: ApiHandler): void;
  /** Resolves with the first recorded request (past or future) that passes `test`; rejects after the timeout. */
  waitForRequest(test: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

const MAX_BODY = 32 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else parts.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** The API at this exact path, else one registered as a prefix ending in `*` (Gemini's `/v1beta/models/*`). */
function apiFor(apis: Map<string, ApiHandler>, path: string): ApiHandler | undefined {
  const exact = apis.get(path);
  if (exact) return exact;
  for (const [key, api] of apis) if (key.endsWith('*') && path.startsWith(key.slice(0, -1))) return api;
  return undefined;
}

const EMPTY: ParsedRequest = { stream: false, messages: [], lastUserText: '', toolResults: [], toolsOffered: false };

export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const rules: Rule[] = [...(options.rules ?? [])];
  const used = new Map<Rule, number>();
  const apis = new Map<string, ApiHandler>(Object.entries({ '/v1/messages': anthropicApi, ...options.apis }));
  const requests: RecordedRequest[] = [];
  const waiters = new Set<{ test: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }>();
  const sockets = new Set<Socket>();

  const record = (request: RecordedRequest) => {
    requests.push(request);
    for (const waiter of waiters)
      if (waiter.test(request)) {
        waiters.delete(waiter);
        waiter.resolve(request);
      }
  };

  const choose = (request: RecordedRequest): { reply: Reply; rule: number } => {
    const index = rules.findIndex((rule) => {
      if (!request.toolsOffered && !rule.sideRequests) return false;
      if (rule.times !== undefined && (used.get(rule) ?? 0) >= rule.times) return false;
      return matches(rule.when, request);
    });
    const rule = rules[index];
    if (!rule) {
      const fallback = request.toolsOffered ? options.defaultReply : options.sideReply;
      return { reply: fallback ?? text(request.toolsOffered ? 'OK.' : 'Scripted session'), rule: -1 };
    }
    used.set(rule, (used.get(rule) ?? 0) + 1);
    return { reply: typeof rule.reply === 'function' ? rule.reply(request) : rule.reply, rule: index };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // Recorded as the raw text.
    }
    const base = { seq: requests.length, method: req.method ?? '', path, body };
    const api = req.method === 'POST' ? apiFor(apis, path) : undefined;
    if (!api) {
      record({ ...EMPTY, ...base, api: 'other' });
      // Harmless answers for what the CLIs call besides the model: token counts, model lists, probes.
      if (req.method === 'HEAD') return void res.writeHead(200).end();
      if (path.endsWith('/count_tokens')) return json(res, 200, { input_tokens: 100 });
      if (path.endsWith('/models'))
        return json(res, 200, { data: [{ id: 'claude-scripted', type: 'model' }], object: 'list', has_more: false });
      return json(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${path}` } });
    }
    const request: RecordedRequest = { ...base, ...api.parse(body), api: api.api };
    const { reply, rule } = choose(request);
    request.rule = rule;
    record(request);
    const n = request.seq;
    const planned = { ...reply, usage: usageOf(reply), id: `msg_scripted_${n}`, toolUseId: `toolu_scripted_${n}` };
    await api.write(res, planned as PlannedReply, request);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) json(res, 500, { type: 'error', error: { type: 'api_error', message: error.message } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    modelRequests: (name) => requests.filter((r) => r.api !== 'other' && (!name || r.api === name)),
    addRules: (...more) => void rules.push(...more),
    registerApi: (path, handler) => void apis.set(path, handler),
    waitForRequest(test, timeoutMs = 30_000) {
      const found = requests.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          test,
          resolve: (r: RecordedRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.lastUserText.slice(0, 60))}`);
          reject(new Error(`no matching model request in ${timeoutMs} ms; got:\n${seen.join('\n')}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled streams would keep the server open: end their connections.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
