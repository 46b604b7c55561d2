import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AnyEvent } from '../../shared/contract.js';
import { CloseCode, RequestFrame } from '../../shared/wire.js';
import type { SessionManager } from '../engine/index.js';
import { ClientStreams } from '../api/client-streams.js';
import { agentEventFilter, agentHandlers } from '../api/agent-rights.js';
import { dispatch, type Handlers } from '../api/dispatch.js';
import {
  TOKEN_COOKIE,
  hostHeaderAllowed,
  isLoopback,
  newToken,
  originAllowed,
  requestToken,
  requestUrl,
  tokenMatches,
} from './auth.js';
import { describeFailure, guardHttp, guardUpgrade, rejectUpgrade, type Log } from './request-guard.js';
import { serveStatic } from './static-files.js';

export interface HostOptions {
  manager: SessionManager;
  handlers: Handlers;
  port?: number;
  host?: string;
  /** Binding a non-loopback address must be asked for explicitly. */
  allowRemote?: boolean;
  token?: string;
  /** The renderer build to serve; a placeholder page when absent. */
  staticDir?: string;
  /** A client with more than this many bytes unsent is disconnected instead of buffering without bound. */
  maxBufferedBytes?: number;
  /** How long a client may hold a session's output without acknowledging (see ClientStreams). */
  stallMs?: number;
  /** Where a request that failed inside the host is reported (stderr by default); never with the token. */
  log?: Log;
}

export interface RunningHost {
  url: string;
  port: number;
  host: string;
  token: string;
  clientCount(): number;
  close(): Promise<void>;
}

interface Client {
  socket: WebSocket;
  streams: ClientStreams;
  alive: boolean;
  /** The user's handlers, or a session's (agentHandlers: its own tree, its repository). */
  handlers: Handlers;
  /** What a session's connection is sent of an event (null: nothing); the user gets every event. */
  filter?: (event: AnyEvent) => AnyEvent | null;
}

const PLACEHOLDER = `<!doctype html><meta charset="utf-8"><title>Flotilla</title>
<body style="font-family:system-ui;background:#111;color:#ddd"><h1>Flotilla host</h1>
<p>The dashboard is not built yet. Use the <code>flotilla</code> command line meanwhile.</p></body>`;

/** The headless host: the contract over a token-protected WebSocket, plus the renderer over HTTP. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.allowRemote) {
    throw new Error(`refusing to listen on ${host}: only loopback addresses are allowed without --allow-remote`);
  }
  const token = options.token ?? newToken();
  const maxBuffered = options.maxBufferedBytes ?? 32 * 1024 * 1024;
  const clients = new Set<Client>();
  const loopbackOnly = isLoopback(host);
  /** Same-origin pages and clients without an Origin (the CLI), under a loopback name when bound to one. */
  const fromHere = (req: IncomingMessage) => hostHeaderAllowed(req, loopbackOnly) && originAllowed(req);

  const log = options.log ?? ((line: string) => console.error(line));
  const secret = () => token;

  const server: Server = createServer(guardHttp(handleHttp, secret, log));
  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    if (!url) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request: malformed URL');
      return;
    }
    if (!fromHere(req)) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('forbidden: requests from another site or host name');
      return;
    }
    if (!tokenMatches(token, requestToken(req, url))) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain' })
        .end('unauthorized: open the URL printed by `flotilla serve`');
      return;
    }
    res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true }));
    } else if (options.staticDir) {
      await serveStatic(options.staticDir, url.pathname, res);
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PLACEHOLDER);
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on(
    'upgrade',
    guardUpgrade(
      (req, socket, head) => {
        const url = requestUrl(req);
        if (!url) return rejectUpgrade(socket, 400);
        if (url.pathname !== '/ws' || !fromHere(req)) return rejectUpgrade(socket, 401);
        // The user's token, or the credential of an existing session (an agent's `flotilla`, FLOTILLA_TOKEN).
        const given = requestToken(req, url);
        const sessionId = tokenMatches(token, given) ? undefined : options.manager.sessionOfCredential(given);
        if (!tokenMatches(token, given) && sessionId === undefined) return rejectUpgrade(socket, 401);
        wss.handleUpgrade(req, socket, head, (ws) => accept(ws, sessionId));
      },
      secret,
      log,
    ),
  );

  function send(client: Client, frame: unknown): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    if (client.socket.bufferedAmount > maxBuffered) {
      drop(client);
      return;
    }
    client.socket.send(JSON.stringify(frame));
  }

  /** A client that stopped reading: forget it now, and cut it off if it does not acknowledge the close. */
  function drop(client: Client): void {
    clients.delete(client);
    client.streams.dispose();
    client.socket.close(CloseCode.tooSlow, 'client is not reading fast enough');
    setTimeout(() => client.socket.terminate(), 2000).unref();
  }

  function accept(socket: WebSocket, sessionId: string | undefined): void {
    const client: Client = {
      socket,
      streams: new ClientStreams(randomUUID(), (id) => options.manager.outputFlow(id), options.stallMs),
      alive: true,
      handlers: sessionId ? agentHandlers(options.handlers, options.manager, sessionId) : options.handlers,
      ...(sessionId ? { filter: agentEventFilter(options.manager, sessionId) } : {}),
    };
    client.streams.sessionId = sessionId;
    clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return;
      let frame: RequestFrame;
      try {
        frame = RequestFrame.parse(JSON.parse(raw.toString()));
      } catch {
        send(client, { t: 'res', id: 0, ok: false, error: { code: 'VALIDATION', message: 'malformed request frame' } });
        return;
      }
      dispatch(client.handlers, frame.method, frame.payload, client.streams)
        .then((outcome) => send(client, { t: 'res', id: frame.id, ...outcome }))
        .catch((error: unknown) => log(`flotilla host: answering ${frame.method} failed: ${String(error)}`));
    });
    const forget = () => {
      clients.delete(client);
      client.streams.dispose();
    };
    socket.on('close', forget);
    socket.on('error', forget);
  }

  // A client that vanished without closing (sleeping laptop, dropped network) is cut off after a missed ping.
  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        drop(client);
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, 15_000);
  heartbeat.unref();

  const unsubscribe = options.manager.subscribe((event: AnyEvent) => {
    const frame = { t: 'evt', name: event.name, payload: event.payload };
    for (const client of clients) {
      if (!client.filter) {
        if (client.streams.accepts(event)) send(client, frame);
        continue;
      }
      // A removed session's credential is void: its open connections end with it.
      if (event.name === 'session.removed' && event.payload.id === client.streams.sessionId) {
        client.socket.close(CloseCode.unauthorized, 'this session was removed; its credential is void');
        continue;
      }
      const seen = client.filter(event);
      if (seen && client.streams.accepts(seen)) send(client, { t: 'evt', name: seen.name, payload: seen.payload });
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // The port is taken (EADDRINUSE): leave nothing running, so the caller may try another.
    unsubscribe();
    clearInterval(heartbeat);
    wss.close();
    throw error;
  }
  // After listening, a failed accept (EMFILE under a connection flood) is reported, not fatal.
  server.on('error', (error) => log(`flotilla host: ${describeFailure(error, token)}`));
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    host,
    token,
    clientCount: () => clients.size,
    close: async () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const client of clients) client.socket.close(CloseCode.shuttingDown, 'host stopping');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
