import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { readHostFile } from '../host/host-file.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, stopCliHost } from '../test-support/cli-host.js';
import { FLOTILLA_BIN } from '../test-support/serve-process.js';
import { connectTestClient } from '../test-support/test-host.js';
import { waitFor } from '../test-support/wait-for.js';

// `flotilla mcp` (the build in dist/) driven by the SDK's own MCP client over stdio, against a real host.

const cli = useCliHost();
const open: Client[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
});

async function mcpClient(env: NodeJS.ProcessEnv, args: string[] = []): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [FLOTILLA_BIN, 'mcp', ...args],
    env: env as Record<string, string>,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'flotilla-test', version: '1' });
  await client.connect(transport);
  open.push(client);
  return client;
}

/** An MCP client whose server speaks for `session`, as an agent's CLI starts it. */
function asSession(session: Session): Promise<Client> {
  return mcpClient({ ...cli.env(), FLOTILLA_SESSION_ID: session.id });
}

async function create(name: string): Promise<Session> {
  const out = await flotillaOk(
    ['new', '--repo', cli.temp.repo, '--name', name, '--prompt', 'wait here', '--json'],
    cli.env(),
  );
  const [session] = JSON.parse(out) as Session[];
  cli.seen.add(session!.id);
  return session!;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  return { isError: result.isError === true, text };
}

async function callOk<T>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const { isError, text } = await call(client, name, args);
  if (isError) throw new Error(`${name} failed: ${text}`);
  return JSON.parse(text) as T;
}

async function hostClient() {
  const info = await readHostFile(cli.temp.dataDir);
  return connectTestClient({ port: info!.port, token: info!.token });
}

describe('flotilla mcp', () => {
  it('lists its nine tools with typed inputs', { timeout: 30_000 }, async () => {
    const client = await mcpClient(cli.env());
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      ['children', 'lock', 'others', 'send', 'spawn', 'status', 'unlock', 'wait', 'what'].sort(),
    );
    const send = tools.find((tool) => tool.name === 'send')!;
    expect(send.inputSchema.required).toEqual(['to', 'text']);
    expect(send.inputSchema.properties?.mode).toMatchObject({ enum: ['sequential', 'important', 'urgent'] });
    for (const tool of tools) expect(tool.description?.length).toBeGreaterThan(20);
  });

  it('answers a bad call with a tool error naming the code, and keeps serving', { timeout: 30_000 }, async () => {
    const me = await create('me');
    const client = await asSession(me);
    const unknown = await call(client, 'what', { id: 'no-such-session' });
    expect(unknown).toMatchObject({ isError: true });
    expect(unknown.text).toMatch(/^NOT_FOUND: /);
    // Input the schema refuses never reaches the host: the SDK says which argument.
    const bad = await call(client, 'wait', { id: me.id, seconds: 0 });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/seconds/);
    // Outside a session, the tools that speak for one say so.
    const outside = await mcpClient(cli.env());
    expect(await call(outside, 'status')).toMatchObject({
      isError: true,
      text: expect.stringMatching(/outside a Flotilla session/) as unknown,
    });
    expect((await callOk<{ session: Session }>(client, 'what', { id: me.id })).session.id).toBe(me.id);
  });

  it(
    'says the host is down as a tool error, lists its tools all the same, and reconnects',
    { timeout: 60_000 },
    async () => {
      const me = await create('me');
      // --as, not FLOTILLA_SESSION_ID: a stopping host ends every process of its sessions, found by that variable.
      const client = await mcpClient(cli.env(), ['--as', me.id]);
      const cutOff = /no Flotilla host is running|refused the connection|connection to host closed/;
      expect((await callOk<{ me: Session }>(client, 'status')).me.id).toBe(me.id);
      await stopCliHost(cli.host);
      expect((await client.listTools()).tools).toHaveLength(9);
      const down = await call(client, 'status');
      expect(down).toMatchObject({ isError: true, text: expect.stringMatching(cutOff) as unknown });
      await cli.startHost();
      expect((await callOk<{ me: Session }>(client, 'status')).me.id).toBe(me.id);
    },
  );

  it('status, children and others speak for the calling session', { timeout: 30_000 }, async () => {
    const me = await create('me');
    const other = await create('other');
    const client = await asSession(me);
    const status = await callOk<{ me: Session; children: Session[]; others: Session[]; locks: unknown[] }>(
      client,
      'status',
    );
    expect(status.me).toMatchObject({ id: me.id, name: 'me' });
    expect(status.children).toEqual([]);
    expect(status.others.map((s) => s.id)).toEqual([other.id]);
    expect(await callOk(client, 'children')).toEqual({ sessions: [] });
    expect((await callOk<{ sessions: Session[] }>(client, 'others')).sessions.map((s) => s.name)).toEqual(['other']);
  });

  it('send queues a message for the target that the host lists', { timeout: 30_000 }, async () => {
    const me = await create('me');
    const other = await create('other');
    const client = await asSession(me);
    const sent = await callOk<{ id: number; targetId: string; mode: string }>(client, 'send', {
      to: 'other',
      text: 'done: the parser',
      mode: 'important',
    });
    expect(sent).toMatchObject({ targetId: other.id, mode: 'important' });
    const host = await hostClient();
    try {
      const { messages } = await host.client.invoke('message.list', { id: other.id });
      expect(messages.map((m) => [m.id, m.text, m.mode])).toEqual([[sent.id, 'done: the parser', 'important']]);
    } finally {
      host.socket.close();
    }
  });

  it('lock holds a lock the host lists until unlock releases it', { timeout: 30_000 }, async () => {
    const me = await create('me');
    const other = await create('other');
    const client = await asSession(me);
    const lock = await callOk<{ sessionId: string; scope: string; reason: string }>(client, 'lock', {
      reason: 'merging',
    });
    expect(lock).toMatchObject({ sessionId: me.id, scope: 'repo', reason: 'merging' });
    const host = await hostClient();
    try {
      expect((await host.client.invoke('lock.list', {})).locks.map((l) => l.sessionId)).toEqual([me.id]);
      // Another session's agent meets it.
      const theirs = await call(await asSession(other), 'lock', { reason: 'me too' });
      expect(theirs).toMatchObject({ isError: true, text: expect.stringMatching(/^LOCK_HELD: /) as unknown });
      expect(await callOk(client, 'unlock')).toEqual({ released: 1 });
      expect((await host.client.invoke('lock.list', {})).locks).toEqual([]);
    } finally {
      host.socket.close();
    }
  });

  it(
    'spawn starts a child of the caller, and wait returns at once and wakes the caller with a message',
    { timeout: 60_000 },
    async () => {
      const me = await create('me');
      const client = await asSession(me);
      const child = await callOk<Session>(client, 'spawn', { prompt: 'add notes', name: 'worker', provider: 'demo' });
      cli.seen.add(child.id);
      expect(child).toMatchObject({ name: 'worker', parentId: me.id, baseBranch: me.branch });
      expect((await callOk<{ sessions: Session[] }>(client, 'children')).sessions.map((s) => s.id)).toEqual([child.id]);
      const started = Date.now();
      expect(await callOk(client, 'wait', { id: 'worker', seconds: 60 })).toMatchObject({ watching: 'worker' });
      expect(Date.now() - started).toBeLessThan(5000);
      // The demo agent asks a question first: the watch ends there and tells me, naming the worker.
      const host = await hostClient();
      try {
        const notice = await waitFor(
          async () => {
            const { messages } = await host.client.invoke('message.list', { id: me.id });
            return messages.find((m) => m.targetId === me.id && m.senderName === 'flotilla');
          },
          { timeoutMs: 30_000, what: 'the watch to message me' },
        );
        expect(notice.text).toMatch(/worker/);
      } finally {
        host.socket.close();
      }
    },
  );
});
