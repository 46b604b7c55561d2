import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Every request handler of the host runs behind these guards: anyone who can reach the port (a local
 * process, an `<img>` on any web page) can send any bytes, and a throw or a rejection that escaped a
 * handler would end the host and every agent with it. A failure becomes a 500 and one log line.
 */

export type Log = (line: string) => void;

/** The error only: the URL and headers carry the token, so they are never logged. */
export function describeFailure(error: unknown, secret: string): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replaceAll(secret, '<token>').replace(/token=[^&\s]*/g, 'token=<token>');
}

export function guardHttp(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  secret: () => string,
  log: Log,
): (req: IncomingMessage, res: ServerResponse) => void {
  const fail = (res: ServerResponse, error: unknown) => {
    log(`flotilla host: a ${res.req.method ?? ''} request failed: ${describeFailure(error, secret())}`);
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
  };
  return (req, res) => {
    try {
      handle(req, res).catch((error: unknown) => fail(res, error));
    } catch (error) {
      fail(res, error);
    }
  };
}

export function guardUpgrade(
  handle: (req: IncomingMessage, socket: Duplex, head: Buffer) => void,
  secret: () => string,
  log: Log,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    // Node stops watching an upgraded socket's errors: a client that resets it would crash the host.
    socket.on('error', () => socket.destroy());
    try {
      handle(req, socket, head);
    } catch (error) {
      log(`flotilla host: an upgrade request failed: ${describeFailure(error, secret())}`);
      rejectUpgrade(socket, 500);
    }
  };
}

/** Answers an upgrade request with a plain HTTP status and closes the connection. */
export function rejectUpgrade(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
