import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet, rawRequest } from '../test-support/raw-http.js';
import { guardHttp, guardUpgrade } from './request-guard.js';

const SECRET = 'tok-0123456789abcdef';
let server: Server | undefined;

async function listen(build: (log: (line: string) => void) => Server): Promise<{ port: number; logged: string[] }> {
  const logged: string[] = [];
  server = build((line) => logged.push(line));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.address() as AddressInfo).port, logged };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('request guards', () => {
  it('turn a handler that throws or rejects into a 500 and a log line without the token', async () => {
    const { port, logged } = await listen((log) =>
      createServer(
        guardHttp(
          (req) => {
            if (req.url?.startsWith('/sync')) throw new Error(`bad ${req.url}`);
            return Promise.reject(new TypeError(`no ${SECRET} here`));
          },
          () => SECRET,
          log,
        ),
      ),
    );
    expect((await rawRequest(port, rawGet(`/sync?token=${SECRET}`))).status).toBe(500);
    expect((await rawRequest(port, rawGet('/async'))).status).toBe(500);
    expect(logged).toHaveLength(2);
    expect(logged.join('\n')).not.toContain(SECRET);
    expect(logged[1]).toBe('flotilla host: a GET request failed: TypeError: no <token> here');
  });

  it('answer an upgrade whose handler throws with 500 and keep serving', async () => {
    const { port, logged } = await listen((log) => {
      const s = createServer((_req, res) => res.end('ok'));
      s.on(
        'upgrade',
        guardUpgrade(
          () => {
            throw new Error('upgrade handler broke');
          },
          () => SECRET,
          log,
        ),
      );
      return s;
    });
    const upgrade = rawGet('/ws', { Host: '127.0.0.1', Connection: 'Upgrade', Upgrade: 'websocket' });
    expect((await rawRequest(port, upgrade)).status).toBe(500);
    // A client that resets its upgraded connection does not take the server down either.
    await rawRequest(port, upgrade, { abortAfterWrite: true });
    expect((await rawRequest(port, rawGet('/'))).status).toBe(200);
    expect(logged[0]).toBe('flotilla host: an upgrade request failed: Error: upgrade handler broke');
  });
});
