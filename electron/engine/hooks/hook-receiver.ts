import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HookCredentials } from './hook-credentials.js';
import { HookPost, MAX_HOOK_BODY } from './hook-event.js';

export const HOOK_PATH = '/hook';

export interface ReceiverOptions {
  credentials: HookCredentials;
  /** A validated, authenticated post; its session is known. */
  deliver(post: HookPost): void;
  /**
   * After deliver: the answer waits until this settles (a gate holding a PreToolUse while a lock is taken).
   * `signal` aborts when the client hangs up first.
   */
  hold?(post: HookPost, signal: AbortSignal): Promise<void>;
  /** false: every post is refused with 503 (hooks switched off; the screen stays the only source). */
  accepting(): boolean;
}

/**
 * Receives hook posts from the agents' hook clients on 127.0.0.1 (an ephemeral port). Every failure is an
 * HTTP status, never a throw: 413 too big, 400 not a hook post, 404 no such session, 401 not that session's
 * credential, 503 hooks switched off, 204 taken (once the gates let it go: see HookGate).
 */
export class HookReceiver {
  private server: Server | undefined;
  private starting: Promise<string> | undefined;

  constructor(private readonly options: ReceiverOptions) {}

  /** The receiver's URL, starting it on first use. */
  url(): Promise<string> {
    this.starting ??= new Promise<string>((resolve, reject) => {
      const server = createServer((req, res) => void this.handle(req, res));
      server.on('error', reject);
      // Hook posts are one short request each; an idle keep-alive socket must not hold close() up.
      server.keepAliveTimeout = 1000;
      server.listen(0, '127.0.0.1', () => {
        this.server = server;
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}${HOOK_PATH}`);
      });
    });
    return this.starting;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method !== 'POST' || req.url !== HOOK_PATH) return reply(res, 404, 'not found');
      if (Number(req.headers['content-length'] ?? 0) > MAX_HOOK_BODY) return reply(res, 413, 'too large', true);
      const body = await readBody(req);
      if (body === null) return reply(res, 413, 'too large', true);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return reply(res, 400, 'not JSON');
      }
      const post = HookPost.safeParse(json);
      if (!post.success) return reply(res, 400, 'not a hook post');
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const check = this.options.credentials.check(post.data.sessionId, token);
      if (check === 'unknown-session') return reply(res, 404, 'no such session');
      if (check === 'wrong-credential') return reply(res, 401, 'not this session’s credential');
      if (!this.options.accepting()) return reply(res, 503, 'hooks are switched off');
      this.options.deliver(post.data);
      if (this.options.hold) {
        const gone = new AbortController();
        res.on('close', () => {
          if (!res.writableEnded) gone.abort();
        });
        await this.options.hold(post.data, gone.signal);
        if (gone.signal.aborted) return;
      }
      reply(res, 204);
    } catch (error) {
      console.error('flotilla: a hook post failed:', error);
      if (!res.headersSent) reply(res, 500, 'failed');
    }
  }
}

/** The body as text; null once it passes MAX_HOOK_BODY (the rest is not read). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_HOOK_BODY) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, message?: string, close = false): void {
  if (close) res.setHeader('connection', 'close');
  if (message === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
}
