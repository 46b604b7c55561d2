import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { connect } from '../cli/connect.js';
import { errorOf } from '../test-support/error-of.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { useTestEngine } from '../test-support/test-engine.js';
import { connectTestClient, startTestHost, type TestClient } from '../test-support/test-host.js';
import { waitFor, waitForScreen } from '../test-support/wait-for.js';
import type { RunningHost } from './host-server.js';

// Agents reach their host: each agent process gets FLOTILLA_URL, a credential for its own session
// (FLOTILLA_TOKEN) and `flotilla` on its PATH. What that credential may do is checked by the host: act on its
// own session and the ones it spawned, send messages to anyone, read the sessions on its repository.
// Real shells in real ptys, a real host on 127.0.0.1; the credentials are read from the agents' environment.

const t = useTestEngine();
let host: RunningHost;
let other: TempRepo;
const clients: TestClient[] = [];

beforeEach(async () => {
  host = await startTestHost(t.tm.manager);
  await t.tm.manager.attachHost({ url: `ws://127.0.0.1:${host.port}/ws`, key: host.token });
  other = createTempRepo('other');
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.close();
  await host.close();
  await other.cleanup();
});

async function shell(name: string, extra: { repoPath?: string; parentId?: string } = {}): Promise<Session> {
  const [session] = await t.tm.manager.create({ repoPath: t.temp.repo, provider: 'shell', name, ...extra });
  return waitFor(() => t.tm.manager.get(session!.id).pid !== null && t.tm.manager.get(session!.id), {
    what: `${name} to start`,
  });
}

/** The agent's own environment, as the kernel holds it. */
async function agentEnvOf(session: Session): Promise<Record<string, string>> {
  const raw = await readFile(`/proc/${session.pid}/environ`, 'utf8');
  return Object.fromEntries(
    raw
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

async function connectAs(session: Session): Promise<TestClient> {
  const client = await connectTestClient(host, {}, (await agentEnvOf(session)).FLOTILLA_TOKEN);
  clients.push(client);
  return client;
}

/** The HTTP status a WebSocket upgrade with `token` gets (101 when accepted). */
async function upgradeStatus(token: string): Promise<number> {
  try {
    const client = await connectTestClient(host, {}, token);
    client.socket.close();
    return 101;
  } catch (error) {
    return Number(/HTTP (\d+)/.exec(String(error))?.[1]);
  }
}

/** A parent with a child, a sibling on the same repository, and a session on another repository. */
async function family() {
  const parent = await shell('parent');
  const child = await shell('child', { parentId: parent.id });
  const sibling = await shell('sibling');
  const stranger = await shell('stranger', { repoPath: other.repo });
  return { parent, child, sibling, stranger };
}

describe('a session credential', () => {
  it('acts on itself and its child; not on its parent, a sibling or another repository', async () => {
    const { parent, child, sibling, stranger } = await family();
    const asParent = await connectAs(parent);
    const asChild = await connectAs(child);

    await expect(asParent.client.invoke('session.update', { id: parent.id, name: 'lead' })).resolves.toMatchObject({
      name: 'lead',
    });
    await expect(asParent.client.invoke('session.send', { id: child.id, text: 'echo hi' })).resolves.toEqual({
      ok: true,
    });
    await expect(asParent.client.invoke('session.pause', { ids: [child.id] })).resolves.toMatchObject({
      results: [{ ok: true }],
    });
    await asParent.client.invoke('session.resume', { ids: [child.id] });

    for (const [who, target] of [
      [asChild, parent],
      [asParent, sibling],
      [asParent, stranger],
    ] as const) {
      const error = await errorOf(who.client.invoke('session.send', { id: target.id, text: 'rm -rf /' }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toContain('session.send');
      expect(error.message).toContain("use the user's token");
    }
    expect((await errorOf(asChild.client.invoke('session.kill', { ids: [parent.id] }))).code).toBe('FORBIDDEN');
    expect((await errorOf(asParent.client.invoke('session.get', { id: stranger.id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(asParent.client.invoke('settings.get', {}))).message).toMatch(/^settings\.get /);
    expect(
      (await errorOf(asChild.client.invoke('session.create', { repoPath: t.temp.repo, provider: 'shell' }))).code,
    ).toBe('FORBIDDEN');
    // Nothing refused happened: the parent still runs under its name.
    expect(t.tm.manager.get(parent.id).name).toBe('lead');
    expect(['running', 'idle']).toContain(t.tm.manager.get(parent.id).status);

    // Reads: the sessions of its own repository only.
    const listed = await asChild.client.invoke('session.list', {});
    expect(listed.sessions.map((s) => s.id).sort()).toEqual([parent.id, child.id, sibling.id].sort());
    await expect(asChild.client.invoke('session.get', { id: sibling.id })).resolves.toMatchObject({ id: sibling.id });
  });

  it('may send a message to any session, its parent and another repository included', async () => {
    const { parent, child, stranger } = await family();
    const asChild = await connectAs(child);
    for (const target of [parent, stranger]) {
      const sent = await asChild.client.invoke('message.send', { id: target.id, text: 'done: step 1' });
      expect(sent).toMatchObject({ targetId: target.id, senderId: child.id, senderName: 'child' });
    }
  });

  it('is refused when forged or altered (401); the user token still works', async () => {
    const { parent, sibling } = await family();
    const credential = (await agentEnvOf(parent)).FLOTILLA_TOKEN!;
    const mac = credential.slice(credential.indexOf('.') + 1);
    const flipped = mac.at(-2) === 'A' ? 'B' : 'A';
    expect(await upgradeStatus(credential)).toBe(101);
    expect(await upgradeStatus(`${credential.slice(0, -2)}${flipped}${credential.at(-1)}`)).toBe(401);
    expect(await upgradeStatus(`${sibling.id}.${mac}`)).toBe(401);
    expect(await upgradeStatus(`${parent.id}.`)).toBe(401);
    expect(await upgradeStatus(parent.id)).toBe(401);
    expect(await upgradeStatus(host.token)).toBe(101);
    // The dashboard's pages are the user's alone.
    const page = await fetch(`http://127.0.0.1:${host.port}/healthz`, {
      headers: { Authorization: `Bearer ${credential}` },
    });
    expect(page.status).toBe(401);
    const user = await connectTestClient(host);
    clients.push(user);
    await expect(user.client.invoke('settings.get', {})).resolves.toBeTruthy();
  });

  it("stops working when its session is removed, and that session's connections are closed", async () => {
    const { parent, sibling } = await family();
    const credential = (await agentEnvOf(sibling)).FLOTILLA_TOKEN!;
    const asSibling = await connectAs(sibling);
    const closed = new Promise<number>((resolve) => asSibling.socket.once('close', resolve));
    await t.tm.manager.remove(sibling.id, true);
    expect(await closed).toBe(4001);
    expect(await upgradeStatus(credential)).toBe(401);
    expect(await upgradeStatus((await agentEnvOf(parent)).FLOTILLA_TOKEN!)).toBe(101);
  });

  it('may create a child and follow its terminal', async () => {
    const parent = await shell('parent');
    const asParent = await connectAs(parent);
    const [child] = (
      await asParent.client.invoke('session.create', {
        repoPath: t.temp.repo,
        provider: 'shell',
        name: 'worker',
        parentId: parent.id,
      })
    ).sessions;
    await waitFor(() => t.tm.manager.get(child!.id).pid !== null);
    expect(t.tm.manager.get(child!.id).parentId).toBe(parent.id);
    await asParent.client.invoke('session.subscribe', { id: child!.id });
    await asParent.client.invoke('session.send', { id: child!.id, text: 'echo from-$((6*7))' });
    await waitFor(() => asParent.output().includes('from-42'), { what: "the child's output" });
    await expect(asParent.client.invoke('session.get', { id: child!.id })).resolves.toMatchObject({ name: 'worker' });
  });

  it('gets only the events of sessions on its own repository', async () => {
    const { parent, sibling, stranger } = await family();
    const asParent = await connectAs(parent);
    t.tm.manager.update(stranger.id, { name: 'elsewhere' });
    t.tm.manager.update(sibling.id, { name: 'nearby' });
    await waitFor(() =>
      asParent.events.some((e) => e.name === 'session.updated' && e.payload.session.id === sibling.id),
    );
    const about = (id: string) =>
      asParent.events.filter((e) => JSON.stringify(e.payload).includes(`"${id}"`)).map((e) => e.name);
    expect(about(stranger.id)).toEqual([]);
    expect(asParent.events.some((e) => e.name === 'settings.changed')).toBe(false);
  });
});

describe("an agent's terminal", () => {
  it('has FLOTILLA_URL/TOKEN/SESSION_ID, and `flotilla ls` there lists the sessions of its repository', async () => {
    const { parent, child, sibling, stranger } = await family();
    const { manager } = t.tm;
    await manager.send(
      parent.id,
      'env | grep ^FLOTILLA_ | sort > env.txt; command -v flotilla >> env.txt; ' +
        'flotilla ls; flotilla ls --json > ls.json; echo listed-$((2*3)) exit=$?',
    );
    await waitForScreen(manager, parent.id, 'listed-6 exit=0', 30_000);
    const screen = (await manager.screen(parent.id)).text;
    expect(screen).toContain('sibling');
    expect(screen).not.toContain('stranger');

    const env = await readFile(path.join(parent.worktreePath, 'env.txt'), 'utf8');
    expect(env).toContain(`FLOTILLA_URL=ws://127.0.0.1:${host.port}/ws\n`);
    expect(env).toMatch(new RegExp(`^FLOTILLA_TOKEN=${parent.id}\\.[A-Za-z0-9_-]{43}$`, 'm'));
    expect(env).toContain(`FLOTILLA_SESSION_ID=${parent.id}\n`);
    expect(env).not.toContain('FLOTILLA_PARENT_ID');
    expect(env).toContain(`${path.join(t.temp.dataDir, 'bin', 'flotilla')}\n`);
    const listed = JSON.parse(await readFile(path.join(parent.worktreePath, 'ls.json'), 'utf8')) as Session[];
    expect(listed.map((s) => s.id).sort()).toEqual([parent.id, child.id, sibling.id].sort());
    expect(listed.map((s) => s.id)).not.toContain(stranger.id);

    await manager.send(child.id, 'echo "parent=$FLOTILLA_PARENT_ID"');
    await waitForScreen(manager, child.id, `parent=${parent.id}`);
  });

  it("connect() there uses the session's host and credential unless --data-dir; a void one is named", async () => {
    const parent = await shell('parent');
    const env = await agentEnvOf(parent);
    const client = await connect('/nonexistent', { env });
    await expect(client.invoke('session.list', {})).resolves.toMatchObject({ sessions: [{ id: parent.id }] });
    client.close();
    const forged = { ...env, FLOTILLA_TOKEN: `${parent.id}.${'A'.repeat(43)}` };
    await expect(connect('/nonexistent', { env: forged })).rejects.toThrow(
      /refused this session's credential \(HTTP 401\): the session was removed, or the host's token was rotated/,
    );
    await expect(connect('/nonexistent', { env, dataDirGiven: true })).rejects.toThrow(
      'no Flotilla host is running for /nonexistent',
    );
  });

  it('gets nothing from a host that is gone but a clear error', async () => {
    const parent = await shell('parent');
    await host.close();
    await t.tm.manager.send(parent.id, 'flotilla ls; echo code=$?');
    const screen = await waitForScreen(t.tm.manager, parent.id, /code=1/, 30_000);
    expect(screen).toContain('the Flotilla host this session belongs to is not running');
    host = await startTestHost(t.tm.manager); // afterEach closes one
  });
});
