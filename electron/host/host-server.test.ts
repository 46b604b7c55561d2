import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { FlotillaError } from '../../shared/errors.js';
import { engineHandlers } from '../api/engine-handlers.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { connectTestClient, startTestHost, type TestClient } from '../test-support/test-host.js';
import { openTestManager, type TestManager } from '../test-support/test-manager.js';
import { rawGet, rawRequest } from '../test-support/raw-http.js';
import { waitFor } from '../test-support/wait-for.js';
import { startHost, type HostOptions, type RunningHost } from './host-server.js';

let temp: TempRepo;
let engine: TestManager;
let host: RunningHost;
const sockets: WebSocket[] = [];

async function start(options: Partial<HostOptions> = {}): Promise<RunningHost> {
  host = await startTestHost(engine.manager, options);
  return host;
}

async function connect(headers: Record<string, string> = {}, token = host.token): Promise<TestClient> {
  const connected = await connectTestClient(host, headers, token);
  sockets.push(connected.socket);
  return connected;
}

/** Sends a raw frame and returns the raw response frame with the same id. */
async function rawInvoke(
  socket: WebSocket,
  method: string,
  payload: unknown,
): Promise<{ ok: boolean; error?: { code: string } }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as { t: string; id: number; ok: boolean; error?: { code: string } };
      if (frame.t === 'res' && frame.id === id) {
        socket.off('message', onMessage);
        resolve(frame);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ t: 'req', id, method, payload }));
  });
}

beforeEach(async () => {
  temp = createTempRepo();
  engine = await openTestManager(temp.dataDir);
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await host?.close();
  expect(await engine.close()).toEqual([]);
  await temp.cleanup();
});

describe('host security', () => {
  it('binds loopback by default and refuses another address unless asked', async () => {
    await start();
    expect(host.host).toBe('127.0.0.1');
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    await expect(
      startHost({
        manager: engine.manager,
        handlers: engineHandlers(engine.manager, { version: 't', startedAt: '' }),
        host: '0.0.0.0',
      }),
    ).rejects.toThrow(/loopback/);
  });

  it('answers HTTP 401 without the right token and serves the page with it', async () => {
    await start();
    const base = `http://127.0.0.1:${host.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    const ok = await fetch(`${base}/?token=${host.token}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Flotilla');
    expect((await fetch(`${base}/healthz`, { headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(200);
  });

  it('answers HTTP 403 to a foreign Origin or a non-loopback Host name, even with the token', async () => {
    await start();
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: `/?token=${host.token}`, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status({})).toBe(200);
    expect(await status({ Origin: `http://127.0.0.1:${host.port}` })).toBe(200);
    expect(await status({ Host: `localhost:${host.port}` })).toBe(200);
    expect(await status({ Origin: 'http://evil.example' })).toBe(403);
    // DNS rebinding: a foreign name that resolves to 127.0.0.1, its page same-origin with itself.
    expect(await status({ Host: `evil.example:${host.port}`, Origin: `http://evil.example:${host.port}` })).toBe(403);
    await expect(
      connect({ Host: `evil.example:${host.port}`, Origin: `http://evil.example:${host.port}` }),
    ).rejects.toThrow(/401/);
  });

  it('answers 400 to a request target that is not a URL, with or without a token, and stays up', async () => {
    const staticDir = path.join(temp.dataDir, 'renderer');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<title>Flotilla</title>');
    const logged: string[] = [];
    await start({ staticDir, log: (line) => logged.push(line) });
    const upgrade = {
      Host: '127.0.0.1',
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    };
    // Each of these ended the host (and every agent) before: `new URL('//[')` threw in the request
    // and in the upgrade listener, decodeURIComponent threw on a broken escape.
    expect((await rawRequest(host.port, rawGet('//['))).status).toBe(400);
    expect((await rawRequest(host.port, rawGet(`//[?token=${host.token}`))).status).toBe(400);
    expect((await rawRequest(host.port, rawGet('//[', upgrade))).status).toBe(400);
    expect((await rawRequest(host.port, rawGet(`/%E0%A4%A?token=${host.token}`))).status).toBe(400);
    expect((await rawRequest(host.port, rawGet(`/%E0%A4%A`))).status).toBe(401);
    const healthy = await fetch(`http://127.0.0.1:${host.port}/healthz?token=${host.token}`);
    expect(healthy.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${host.port}/?token=${host.token}`)).status).toBe(200);
    expect(logged).toEqual([]);
  });

  it('refuses WebSocket upgrades without token, with a wrong token or a foreign Origin', async () => {
    await start();
    await expect(connect({}, '')).rejects.toThrow(/401/);
    await expect(connect({}, 'not-the-token')).rejects.toThrow(/401/);
    await expect(connect({ Origin: 'http://evil.example' })).rejects.toThrow(/401/);
    const sameOrigin = await connect({ Origin: `http://127.0.0.1:${host.port}` });
    expect((await sameOrigin.client.invoke('session.list', {})).sessions).toEqual([]);
  });

  it('answers malformed frames, unknown methods and invalid payloads with typed errors and changes nothing', async () => {
    await start();
    const { socket } = await connect();
    expect(await rawInvoke(socket, 'session.nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await rawInvoke(socket, 'session.create', { repoPath: 42 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await rawInvoke(socket, 'session.create', { repoPath: temp.repo, count: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await rawInvoke(socket, 'session.create', { repoPath: temp.repo, extra: 'field' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await rawInvoke(socket, 'session.kill', { ids: 'all' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(engine.manager.list()).toEqual([]);
    // The connection survives bad input.
    expect(await rawInvoke(socket, 'session.list', {})).toMatchObject({ ok: true });
  });
});

describe('host transport', () => {
  it('offers no native dialogs: host.info says so and dialog.pickFolder answers UNSUPPORTED', async () => {
    await start();
    const { client } = await connect();
    expect(await client.invoke('host.info', {})).toMatchObject({ nativeDialogs: false });
    await expect(client.invoke('dialog.pickFolder', { title: 'Choose a repository' })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
    });
  });
});

describe('host sessions', () => {
  it('shows the same live state to two clients', async () => {
    await start();
    const a = await connect();
    const b = await connect();
    const { sessions } = await a.client.invoke('session.create', { repoPath: temp.repo, prompt: 'shared view' });
    const id = sessions[0]!.id;
    for (const c of [a, b]) {
      await waitFor(
        () =>
          c.events.some(
            (e) => e.name === 'session.status' && e.payload.session.id === id && e.payload.session.status === 'waiting',
          ),
        {
          what: 'waiting event on both clients',
        },
      );
    }
    await b.client.invoke('session.approve', { id });
    await waitFor(() => a.events.some((e) => e.name === 'session.status' && e.payload.session.status === 'idle'), {
      what: 'idle on A',
    });
    expect((await a.client.invoke('session.get', { id })).status).toBe('idle');
    await expect(a.client.invoke('session.approve', { id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('replays the current screen on subscribe, then streams output without gaps', async () => {
    await start();
    const first = await connect();
    const { sessions } = await first.client.invoke('session.create', { repoPath: temp.repo, prompt: 'replay me' });
    const id = sessions[0]!.id;
    await waitFor(async () => (await first.client.invoke('session.get', { id })).status === 'waiting', {
      what: 'waiting',
    });
    // A client that joins late gets the screen so far...
    const late = await connect();
    const snapshot = await late.client.invoke('session.subscribe', { id });
    expect(snapshot.text).toContain('Do you want to create replay-me.txt?');
    expect(snapshot.ansi).toContain('replay-me.txt');
    // ...then only what comes after it.
    await late.client.invoke('session.approve', { id });
    await waitFor(() => late.output().includes('Done.'), { what: 'live output after the snapshot' });
    expect(late.output()).not.toContain('Do you want to create');
    // Clients that did not subscribe get no output.
    expect(first.output()).toBe('');
    // A reconnecting client starts from the screen as it is now.
    late.socket.terminate();
    const again = await connect();
    const second = await again.client.invoke('session.subscribe', { id });
    expect(second.text).toContain('Done.');
  });

  it('disconnects a client that stops reading instead of buffering without bound, and others carry on', async () => {
    await start({ maxBufferedBytes: 256 * 1024 });
    const reader = await connect();
    const stalled = await connect();
    const { sessions } = await reader.client.invoke('session.create', { repoPath: temp.repo, prompt: '' });
    const id = sessions[0]!.id;
    await reader.client.invoke('session.subscribe', { id });
    await stalled.client.invoke('session.subscribe', { id });
    const closed = new Promise<number>((resolve) => stalled.socket.on('close', (code) => resolve(code)));
    // Stop reading on the stalled client's socket: the host's send buffer for it fills up.
    (stalled.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    await reader.client.invoke('session.send', { id, text: 'flood 8' });
    await waitFor(() => host.clientCount() === 1, { timeoutMs: 20_000, what: 'host dropping the stalled client' });
    await waitFor(() => reader.output().includes('Flood done.'), {
      timeoutMs: 30_000,
      what: 'the reading client to get the whole flood',
    });
    expect(reader.output().length).toBeGreaterThan(8 * 1024 * 1024);
    (stalled.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    // The close frame may be stuck behind the unread data, in which case the host cuts the connection.
    expect([4008, 1006]).toContain(await closed);
  });

  it('rejects calls with typed errors for unknown sessions', async () => {
    await start();
    const { client } = await connect();
    const error = await client.invoke('session.get', { id: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlotillaError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
