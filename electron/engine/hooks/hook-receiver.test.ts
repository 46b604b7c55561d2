import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test-support/raw-http.js';
import type { HookEvent } from './hook-event.js';
import { hookClientScript, SessionHooks } from './session-hooks.js';

const providers: Record<string, string> = { alpha: 'claude', beta: 'claude' };
let hooks: SessionHooks | undefined;
let accepting = true;

function open(): { hooks: SessionHooks; events: HookEvent[] } {
  accepting = true;
  hooks = new SessionHooks({ providerOf: (id) => providers[id], accepting: () => accepting });
  const events: HookEvent[] = [];
  hooks.onHookEvent((e) => events.push(e));
  return { hooks, events };
}

afterEach(async () => {
  await hooks?.close();
  hooks = undefined;
});

async function post(url: string, token: string, body: unknown): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return res.status;
}

describe('hook receiver', () => {
  it('takes a session’s event with its own credential and refuses another session’s credential', async () => {
    const { hooks, events } = open();
    const a = await hooks.prepare('alpha');
    const b = await hooks.prepare('beta');
    const url = a.env.FLOTILLA_HOOK_URL!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hook$/);
    expect(b.env.FLOTILLA_HOOK_URL).toBe(url);
    const stop = { sessionId: 'alpha', event: 'Stop', payload: { hook_event_name: 'Stop' } };
    expect(await post(url, a.env.FLOTILLA_HOOK_TOKEN!, stop)).toBe(204);
    // alpha's credential cannot speak for beta, nor beta's for alpha.
    expect(await post(url, a.env.FLOTILLA_HOOK_TOKEN!, { ...stop, sessionId: 'beta' })).toBe(401);
    expect(await post(url, b.env.FLOTILLA_HOOK_TOKEN!, stop)).toBe(401);
    expect(await post(url, '', stop)).toBe(401);
    expect(await post(url, a.env.FLOTILLA_HOOK_TOKEN!, { ...stop, sessionId: 'gamma' })).toBe(404);
    expect(events.map((e) => [e.sessionId, e.providerId, e.event, e.payload])).toEqual([
      ['alpha', 'claude', 'Stop', { hook_event_name: 'Stop' }],
    ]);
  });

  it('a new launch’s credential replaces the old one, and a revoked one is refused', async () => {
    const { hooks } = open();
    const first = await hooks.prepare('alpha');
    const second = await hooks.prepare('alpha');
    const url = first.env.FLOTILLA_HOOK_URL!;
    const body = { sessionId: 'alpha', event: 'Stop', payload: null };
    expect(await post(url, first.env.FLOTILLA_HOOK_TOKEN!, body)).toBe(401);
    expect(await post(url, second.env.FLOTILLA_HOOK_TOKEN!, body)).toBe(204);
    hooks.revoke('alpha');
    expect(await post(url, second.env.FLOTILLA_HOOK_TOKEN!, body)).toBe(404);
  });

  it('answers bad posts with a status, never a crash: 400, 413, 404, 503', async () => {
    const { hooks, events } = open();
    const { env } = await hooks.prepare('alpha');
    const url = env.FLOTILLA_HOOK_URL!;
    const token = env.FLOTILLA_HOOK_TOKEN!;
    expect(await post(url, token, '{not json')).toBe(400);
    expect(await post(url, token, { sessionId: 'alpha', event: 'Rm -rf', payload: null })).toBe(400);
    expect(await post(url, token, { sessionId: 'alpha', event: 'Stop', payload: 'text' })).toBe(400);
    const big = { sessionId: 'alpha', event: 'Stop', payload: { text: 'x'.repeat(2 * 1024 * 1024) } };
    expect(await post(url, token, big)).toBe(413);
    // Announced as small, sent big: the body is cut off at the limit all the same.
    const port = Number(new URL(url).port);
    const lying = await rawRequest(
      port,
      `POST /hook HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n${(2 * 1024 * 1024).toString(16)}\r\n${'x'.repeat(2 * 1024 * 1024)}\r\n0\r\n\r\n`,
    );
    expect(lying.status).toBe(413);
    expect((await fetch(url)).status).toBe(404);
    accepting = false;
    expect(await post(url, token, { sessionId: 'alpha', event: 'Stop', payload: null })).toBe(503);
    expect(events).toEqual([]);
  });

  it('the hook client posts stdin’s JSON, prints nothing and exits 0; with the host gone it exits 0 at once', async () => {
    const { hooks, events } = open();
    const { env } = await hooks.prepare('alpha');
    const run = (extra: NodeJS.ProcessEnv, argv: string[] = []) =>
      new Promise<{ code: number | null; out: string; err: string; ms: number }>((resolve) => {
        const started = Date.now();
        const child = spawn(process.execPath, [hookClientScript(), argv.length ? 'Stop' : 'PreToolUse', ...argv], {
          env: { PATH: process.env.PATH, FLOTILLA_SESSION_ID: 'alpha', ...env, ...extra },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => resolve({ code, out, err, ms: Date.now() - started }));
        child.stdin.end(JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Write' }));
      });
    const ok = await run({});
    expect(ok).toMatchObject({ code: 0, out: '', err: '' });
    expect(events.map((e) => [e.event, e.payload?.tool_name])).toEqual([['PreToolUse', 'Write']]);
    // Codex's notify passes its JSON as the last argument instead.
    const notify = await run({}, [JSON.stringify({ type: 'agent-turn-complete', 'turn-id': '7' })]);
    expect(notify).toMatchObject({ code: 0, out: '', err: '' });
    expect(events.at(-1)).toMatchObject({ event: 'Stop', payload: { type: 'agent-turn-complete', 'turn-id': '7' } });
    const url = env.FLOTILLA_HOOK_URL!;
    await hooks.close();
    const gone = await run({ FLOTILLA_HOOK_URL: url });
    expect(gone).toMatchObject({ code: 0, out: '', err: '' });
    expect(gone.ms).toBeLessThan(1500);
    // A host that takes the connection and never answers: the client gives up on its own, still silent.
    const { createServer } = await import('node:net');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const hung = await run({ FLOTILLA_HOOK_URL: `http://127.0.0.1:${port}/hook` });
    silent.close();
    expect(hung).toMatchObject({ code: 0, out: '', err: '' });
    expect(hung.ms).toBeLessThan(4000);
    if (process.env.FLOTILLA_MEASURE === '1')
      console.log(`hook client: ${ok.ms} ms posted, ${gone.ms} ms host gone, ${hung.ms} ms host silent`);
  });
});
