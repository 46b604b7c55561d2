import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../shared/coordination.js';
import type { Session } from '../../shared/session.js';
import { readHostFile } from '../host/host-file.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, screenMatching } from '../test-support/cli-host.js';
import { connectTestClient } from '../test-support/test-host.js';
import { waitFor } from '../test-support/wait-for.js';

// The engine gives an agent Flotilla's MCP server (setting agentMcp): a stand-in Claude Code (a profile's binary)
// starts the server its --mcp-config names, with its own env, and calls status and send through it. The server
// reaches the host with the session's own credential: the message's sender is the session.

const FAKE_AGENT = fileURLToPath(new URL('./fixtures/fake-mcp-agent.mjs', import.meta.url));
const cli = useCliHost();

async function host() {
  const info = await readHostFile(cli.temp.dataDir);
  return connectTestClient({ port: info!.port, token: info!.token });
}

async function startFakeClaude(agentMcp: boolean): Promise<Session> {
  const { client, socket } = await host();
  try {
    await client.invoke('settings.set', { agentMcp });
    const profile = await client.invoke('profiles.create', {
      provider: 'claude',
      name: 'fake claude',
      binaryPath: FAKE_AGENT,
    });
    const [session] = JSON.parse(
      await flotillaOk(
        ['new', '--repo', cli.temp.repo, '--profile', profile.id, '--prompt', 'hi', '--json'],
        cli.env(),
      ),
    ) as Session[];
    cli.seen.add(session!.id);
    return session!;
  } finally {
    socket.close();
  }
}

describe('agents get the flotilla MCP server', () => {
  it('with agentMcp on: the agent CLI starts it and its calls speak for the session', { timeout: 60_000 }, async () => {
    const session = await startFakeClaude(true);
    const screen = await screenMatching(cli.env(), session.id, /MCP (SEND|ERROR)/, 30_000);
    expect(screen).toContain(`MCP STATUS me=${session.id}`);
    expect(screen).toMatch(/MCP SEND ok/);
    const { client, socket } = await host();
    try {
      const sent = await waitFor(
        async () =>
          (await client.invoke('message.list', { id: session.id })).messages.find(
            (m: AgentMessage) => m.text === 'hello from mcp',
          ),
        { what: 'the message sent through MCP' },
      );
      expect(sent).toMatchObject({ senderId: session.id, targetId: session.id });
    } finally {
      socket.close();
    }
    await flotillaOk(['kill', session.id], cli.env());
  });

  it('with agentMcp off: no --mcp-config', { timeout: 60_000 }, async () => {
    const session = await startFakeClaude(false);
    await screenMatching(cli.env(), session.id, /NO MCP CONFIG/, 30_000);
    await flotillaOk(['kill', session.id], cli.env());
  });
});
