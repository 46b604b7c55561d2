import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mcpLaunch } from '../mcp/mcp-launch.js';
import { agentCli } from '../test-support/agent-clis.js';
import { claudeProvider } from './claude.js';
import { codexProvider } from './codex.js';
import { opencodeProvider } from './opencode.js';
import { geminiProvider } from './gemini.js';
import { FLOTILLA_BIN } from '../test-support/serve-process.js';
import type { LaunchContext } from './provider.js';

// What each agent CLI is told so that it starts `flotilla mcp` for its session.

const run = promisify(execFile);

describe('Flotilla MCP server in an agent launch', () => {
  let dir: string;
  const mcp = () => mcpLaunch(path.join(dir, 'data dir', 'bin'));
  const ctx = (provider: string, overrides: Partial<LaunchContext> = {}): LaunchContext => ({
    sessionId: 's1',
    prompt: 'coordinate',
    conversationId: provider === 'claude' ? '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70' : null,
    worktreePath: path.join(dir, 'worktree'),
    stateDir: path.join(dir, 'state', 's1'),
    profile: {
      id: 'p',
      provider,
      name: 'p',
      binaryPath: path.join(dir, provider),
      extraArgs: ['extra'],
      model: null,
      env: { CLAUDE_CONFIG_DIR: path.join(dir, 'config'), CODEX_HOME: path.join(dir, 'codex-home') },
      createdAt: 't',
      updatedAt: 't',
    },
    ...overrides,
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'flotilla-agent-mcp-'));
    mkdirSync(path.join(dir, 'worktree'));
    for (const cli of ['claude', 'codex', 'opencode', 'gemini'])
      writeFileSync(path.join(dir, cli), '#!/bin/sh\n', { mode: 0o755 });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('Claude Code gets --mcp-config with a file in the session state folder', async () => {
    const launch = await claudeProvider.launch(ctx('claude', { mcp: mcp() }));
    const file = path.join(dir, 'state', 's1', 'mcp.json');
    const at = launch.args.indexOf('--mcp-config');
    expect(launch.args.slice(at, at + 2)).toEqual(['--mcp-config', file]);
    // The option takes several files: a flag follows, never the profile's argument or the prompt.
    expect(launch.args[at + 2]).toMatch(/^--/);
    expect(launch.args.slice(-3)).toEqual(['extra', '--', 'coordinate']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      mcpServers: {
        flotilla: { type: 'stdio', command: path.join(dir, 'data dir', 'bin', 'flotilla'), args: ['mcp'] },
      },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // It connects the server before its prompt is ready: a typed prompt's Enter is not lost to a redraw.
    expect(launch.env?.MCP_CONNECTION_NONBLOCKING).toBe('0');
    // Nothing in the worktree: the session's diff stays the agent's own.
    expect(readFileSync(file, 'utf8')).not.toContain('FLOTILLA_TOKEN');
  });

  it('Claude Code resumes with it too, and without ctx.mcp gets none', async () => {
    const resumed = await claudeProvider.launch(ctx('claude', { mcp: mcp(), prompt: '' }));
    expect(resumed.args).toContain('--mcp-config');
    expect(resumed.env?.MCP_CONNECTION_NONBLOCKING).toBe('0');
    const without = await claudeProvider.launch(ctx('claude'));
    expect(without.args).not.toContain('--mcp-config');
    expect(without.env?.MCP_CONNECTION_NONBLOCKING).toBeUndefined();
  });

  it('Codex gets the server as -c overrides naming the variables to pass on', async () => {
    const launch = await codexProvider.launch(ctx('codex', { mcp: mcp() }));
    const command = JSON.stringify(path.join(dir, 'data dir', 'bin', 'flotilla'));
    const overrides = launch.args.filter(
      (_, i) => launch.args[i - 1] === '-c' && /^mcp_servers\./.test(launch.args[i]!),
    );
    expect(overrides).toEqual([
      `mcp_servers.flotilla.command=${command}`,
      'mcp_servers.flotilla.args=["mcp"]',
      'mcp_servers.flotilla.env_vars=["FLOTILLA_SESSION_ID", "FLOTILLA_PARENT_ID", "FLOTILLA_URL", "FLOTILLA_TOKEN"]',
    ]);
    // Overrides go before the subcommand / prompt.
    expect(launch.args.indexOf('--no-daemon')).toBeGreaterThan(launch.args.indexOf(overrides[2]!));
    const resumed = await codexProvider.resume(ctx('codex', { mcp: mcp() }));
    expect(resumed!.args.indexOf('resume')).toBeGreaterThan(resumed!.args.indexOf(overrides[0]!));
    expect((await codexProvider.launch(ctx('codex'))).args.join(' ')).not.toContain('mcp_servers');
  });

  const codex = agentCli('codex');
  it.skipIf(!('bin' in codex))('the real Codex reads those overrides as its flotilla server', async () => {
    const launch = await codexProvider.launch(ctx('codex', { mcp: mcp() }));
    const overrides = launch.args.slice(0, launch.args.indexOf('--no-daemon'));
    const home = path.join(dir, 'codex-home');
    mkdirSync(home);
    const { stdout } = await run(codex.bin!, [...overrides, 'mcp', 'list', '--json'], {
      env: { ...process.env, CODEX_HOME: home },
      timeout: 20_000,
    });
    const servers = JSON.parse(stdout) as { name: string; transport: Record<string, unknown> }[];
    expect(servers.find((server) => server.name === 'flotilla')?.transport).toMatchObject({
      type: 'stdio',
      command: path.join(dir, 'data dir', 'bin', 'flotilla'),
      args: ['mcp'],
      env_vars: ['FLOTILLA_SESSION_ID', 'FLOTILLA_PARENT_ID', 'FLOTILLA_URL', 'FLOTILLA_TOKEN'],
    });
  });

  const contentOf = (env: Record<string, string> | undefined) =>
    JSON.parse(env?.OPENCODE_CONFIG_CONTENT ?? 'null') as Record<string, unknown> | null;
  const flotillaServer = () => ({
    type: 'local',
    command: [path.join(dir, 'data dir', 'bin', 'flotilla'), 'mcp'],
    enabled: true,
  });

  it('opencode gets it in OPENCODE_CONFIG_CONTENT, beside the hooks plugin and the user own servers', async () => {
    const launch = await opencodeProvider.launch(ctx('opencode', { mcp: mcp() }));
    expect(contentOf(launch.env)?.mcp).toEqual({ flotilla: flotillaServer() });
    const wiring = { command: (event: string) => `hook ${event}`, argv: (event: string) => ['hook', event] };
    const user = JSON.stringify({ mcp: { theirs: { type: 'remote', url: 'http://x' } }, plugin: ['their-plugin'] });
    const profile = { ...ctx('opencode').profile!, env: { OPENCODE_CONFIG_CONTENT: user } };
    const both = contentOf(
      (await opencodeProvider.resume(ctx('opencode', { mcp: mcp(), hooks: wiring, profile })))!.env,
    );
    expect(both?.mcp).toEqual({ theirs: { type: 'remote', url: 'http://x' }, flotilla: flotillaServer() });
    expect(both?.plugin).toEqual(['their-plugin', expect.stringMatching(/flotilla-opencode-plugin\.js$/)]);
    expect((await opencodeProvider.launch(ctx('opencode'))).env?.OPENCODE_CONFIG_CONTENT).toBeUndefined();
  });

  const opencode = agentCli('opencode');
  it.skipIf(!('bin' in opencode))(
    'the real opencode starts it from that config and connects',
    { timeout: 60_000 },
    async () => {
      const launch = await opencodeProvider.launch(ctx('opencode', { mcp: mcp() }));
      // The launcher the host writes for its agents: this build's CLI.
      const bin = path.join(dir, 'data dir', 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(
        path.join(bin, 'flotilla'),
        `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(FLOTILLA_BIN)} "$@"\n`,
        { mode: 0o755 },
      );
      const home = path.join(dir, 'home');
      mkdirSync(home);
      const { stdout } = await run(opencode.bin!, ['mcp', 'list'], {
        cwd: path.join(dir, 'worktree'),
        env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), ...launch.env },
        timeout: 45_000,
      });
      // Colours aside (ESC [ … m): the server's line says it connected.
      expect(stdout.split('\x1b').join('')).toMatch(/flotilla\s+(\[[0-9;]*m)?connected/);
    },
  );

  const hookWiring = { command: (event: string) => `hook ${event}`, argv: (event: string) => ['hook', event] };
  /** A Gemini profile whose user home (GEMINI_CLI_HOME) trusts the worktree, as after its trust question. */
  const geminiCtx = (overrides: Partial<LaunchContext> = {}): LaunchContext => {
    const userHome = path.join(dir, 'gemini-user');
    mkdirSync(path.join(userHome, '.gemini'), { recursive: true });
    writeFileSync(
      path.join(userHome, '.gemini', 'trustedFolders.json'),
      JSON.stringify({ [path.join(dir, 'worktree')]: 'TRUST_FOLDER' }),
    );
    const base = ctx('gemini', { conversationId: null, hooks: hookWiring, ...overrides });
    return { ...base, profile: { ...base.profile!, env: { GEMINI_CLI_HOME: userHome } } };
  };

  it("Gemini CLI gets it in the launch's own settings.json, its env as $NAME (expanded by Gemini)", async () => {
    const launch = await geminiProvider.launch(geminiCtx({ mcp: mcp() }));
    const file = path.join(dir, 'state', 's1', 'gemini-home', '.gemini', 'settings.json');
    expect(launch.env?.GEMINI_CLI_HOME).toBe(path.join(dir, 'state', 's1', 'gemini-home'));
    const settings = JSON.parse(readFileSync(file, 'utf8')) as { mcpServers: unknown; hooks: unknown };
    expect(settings.mcpServers).toEqual({
      flotilla: {
        command: path.join(dir, 'data dir', 'bin', 'flotilla'),
        args: ['mcp'],
        env: {
          FLOTILLA_SESSION_ID: '$FLOTILLA_SESSION_ID',
          FLOTILLA_PARENT_ID: '$FLOTILLA_PARENT_ID',
          FLOTILLA_URL: '$FLOTILLA_URL',
          FLOTILLA_TOKEN: '$FLOTILLA_TOKEN',
        },
      },
    });
    expect(settings.hooks).toBeDefined();
    await geminiProvider.launch(geminiCtx());
    expect(readFileSync(file, 'utf8')).not.toContain('mcpServers');
  });

  const gemini = agentCli('gemini');
  it.skipIf(!('bin' in gemini))(
    'the real Gemini CLI connects to it in a trusted worktree',
    { timeout: 60_000 },
    async () => {
      const launch = await geminiProvider.launch(geminiCtx({ mcp: mcp() }));
      const bin = path.join(dir, 'data dir', 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(
        path.join(bin, 'flotilla'),
        `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(FLOTILLA_BIN)} "$@"\n`,
        { mode: 0o755 },
      );
      const { stdout, stderr } = await run(gemini.bin!, ['mcp', 'list'], {
        cwd: path.join(dir, 'worktree'),
        env: { ...process.env, HOME: path.join(dir, 'gemini-user'), ...launch.env },
        timeout: 45_000,
      });
      // Gemini prints the list on stderr.
      expect(stdout + stderr).toMatch(/flotilla: .*\(stdio\) - Connected/);
    },
  );
});
