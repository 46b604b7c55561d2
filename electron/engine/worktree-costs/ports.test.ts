import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitForScreen, waitForStatus } from '../../test-support/wait-for.js';

// Each session's own block of ports, as FLOTILLA_PORT… in its agent's and setup command's environment.

const engine = useTestEngine();

/** A dev server as an agent: listens on 127.0.0.1:$FLOTILLA_PORT and answers with its session id. */
const SERVER_AGENT = `
const http = require('node:http');
const port = Number(process.env.FLOTILLA_PORT);
http
  .createServer((_req, res) => res.end(process.env.FLOTILLA_SESSION_ID))
  .on('error', (error) => console.log('server failed: ' + error.code))
  .listen(port, '127.0.0.1', () => console.log('listening on ' + port + ' last ' + process.env.FLOTILLA_PORT_9));
`;

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function storedBlocks(): { session_id: string; first_port: number }[] {
  const db = new Database(path.join(engine.temp.dataDir, 'flotilla.db'), { readonly: true });
  try {
    return db.prepare('SELECT session_id, first_port FROM session_ports').all() as never;
  } finally {
    db.close();
  }
}

describe('port blocks', () => {
  it('two sessions each start a server on $FLOTILLA_PORT at the same time without a clash', async () => {
    const { manager } = engine.tm;
    const script = path.join(engine.temp.dir, 'server-agent.cjs');
    writeFileSync(script, SERVER_AGENT);
    const profile = manager.profiles.create({
      ...{ provider: 'custom', name: 'server', binaryPath: process.execPath, extraArgs: [script] },
      ...{ model: null, env: {} },
    });
    const sessions = (
      await Promise.all([1, 2].map(() => manager.create({ repoPath: engine.temp.repo, profileId: profile.id })))
    ).flat();
    const ports = sessions.map((s) => manager.reviewLoop.costs.ports(s.id)!);
    expect(ports.map((p) => p.size)).toEqual([10, 10]);
    const [a, b] = ports.map((p) => p.firstPort) as [number, number];
    expect(Math.abs(a - b), 'blocks overlap').toBeGreaterThanOrEqual(10);
    for (const [i, session] of sessions.entries()) {
      const port = ports[i]!.firstPort;
      await waitForScreen(manager, session.id, `listening on ${port} last ${port + 9}`);
    }
    // Both up at once, each answering on its own port.
    for (const [i, session] of sessions.entries()) {
      const reply = await fetch(`http://127.0.0.1:${ports[i]!.firstPort}/`);
      expect(await reply.text()).toBe(session.id);
    }
    expect(manager.history(sessions[0]!.id).find((e) => e.kind === 'ports')?.detail).toBe(
      `ports ${a}-${a + 9} (FLOTILLA_PORT=${a})`,
    );
  });

  it('gives the setup command the same ports, keeps them across a restart, and frees them on removal', async () => {
    await engine.tm.manager.repos.setSettings({
      repoPath: engine.temp.repo,
      setupCommand: `sh -c "echo $FLOTILLA_PORT $FLOTILLA_PORT_1 > port.txt"`,
    });
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'ports' });
    const first = engine.tm.manager.reviewLoop.costs.ports(session!.id)!.firstPort;
    expect(readFileSync(path.join(session!.worktreePath, 'port.txt'), 'utf8')).toBe(`${first} ${first + 1}\n`);

    const { manager } = await engine.reopen();
    expect(manager.get(session!.id).status).toBe('paused');
    await manager.resume([session!.id]);
    await waitForStatus(manager, session!.id, 'idle');
    expect(manager.reviewLoop.costs.ports(session!.id)!.firstPort).toBe(first);
    expect(manager.history(session!.id).filter((e) => e.kind === 'ports')).toHaveLength(1);

    await manager.remove(session!.id, true);
    expect(storedBlocks()).toEqual([]);
  });

  it('moves a session whose port another program took while the host was down, and says so', async () => {
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'ports' });
    const first = engine.tm.manager.reviewLoop.costs.ports(session!.id)!.firstPort;
    await engine.tm.close();
    const squatter = await listen(first + 3);
    try {
      const { manager } = await engine.open();
      await manager.resume([session!.id]);
      await waitForStatus(manager, session!.id, 'idle');
      const moved = manager.reviewLoop.costs.ports(session!.id)!.firstPort;
      expect(moved > first + 3 || moved + 9 < first + 3, 'still on the taken port').toBe(true);
      const notes = manager.history(session!.id).filter((e) => e.kind === 'ports');
      expect(notes.at(-1)!.detail).toBe(
        `ports ${first}-${first + 9}: ${first + 3} is taken by another program, so the session moved to ports ${moved}-${moved + 9}`,
      );
    } finally {
      squatter.close();
    }
  });

  it('gives no ports when portBlockSize is 0', async () => {
    engine.tm.manager.updateSettings({ portBlockSize: 0 });
    await engine.tm.manager.repos.setSettings({
      repoPath: engine.temp.repo,
      setupCommand: `sh -c "echo [$FLOTILLA_PORT] > port.txt"`,
    });
    const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'no ports' });
    expect(readFileSync(path.join(session!.worktreePath, 'port.txt'), 'utf8')).toBe('[]\n');
    expect(engine.tm.manager.reviewLoop.costs.ports(session!.id)).toBeNull();
  });
});
