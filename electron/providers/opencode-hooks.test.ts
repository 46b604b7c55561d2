import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HookCredentials } from '../engine/hooks/hook-credentials.js';
import type { HookPost } from '../engine/hooks/hook-event.js';
import { HookReceiver } from '../engine/hooks/hook-receiver.js';
import { packageRoot } from '../package-root.js';
import { opencodeHookEnv, opencodePluginPath } from './opencode-hooks.js';
import { opencodeProvider } from './opencode.js';
import type { LaunchContext } from './provider.js';
import { waitFor } from '../test-support/wait-for.js';

type Hook = (...args: unknown[]) => Promise<void>;
type Plugin = () => Promise<Record<string, Hook>>;

const wiring = { command: (event: string) => `hook ${event}`, argv: (event: string) => ['hook', event] };
const PLUGIN = path.join(packageRoot(), 'bin', 'flotilla-opencode-plugin.js');

describe('opencode launch with Flotilla’s plugin', () => {
  let dir: string;
  const ctx = (hooks: boolean, env: Record<string, string> = {}): LaunchContext => ({
    sessionId: 's1',
    prompt: 'add a README',
    conversationId: null,
    worktreePath: dir,
    stateDir: path.join(dir, 'state'),
    profile: {
      id: 'p',
      provider: 'opencode',
      name: 'p',
      binaryPath: path.join(dir, 'opencode'),
      extraArgs: [],
      model: null,
      env,
      createdAt: 't',
      updatedAt: 't',
    },
    ...(hooks ? { hooks: wiring } : {}),
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'flotilla-opencode-hooks-'));
    writeFileSync(path.join(dir, 'opencode'), '#!/bin/sh\n', { mode: 0o755 });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('names the shipped plugin in OPENCODE_CONFIG_CONTENT at launch and resume; args and the worktree untouched', async () => {
    const config = JSON.stringify({ plugin: [PLUGIN] });
    const launch = await opencodeProvider.launch(ctx(true, { FOO: 'bar' }));
    expect(launch.env).toEqual({ FOO: 'bar', OPENCODE_CONFIG_CONTENT: config });
    expect(launch.args).toEqual(['--prompt=add a README']);
    expect((await opencodeProvider.resume(ctx(true)))?.env).toEqual({ OPENCODE_CONFIG_CONTENT: config });
    expect(existsSync(PLUGIN)).toBe(true);
    expect(readdirSync(dir)).toEqual(['opencode']);
    expect(opencodeProvider.hooks?.events).toEqual([
      'UserPromptSubmit',
      'PreToolUse',
      'PermissionRequest',
      'PostToolUse',
      'Stop',
    ]);
  });

  it('without hooks the launch has no plugin', async () => {
    expect((await opencodeProvider.launch(ctx(false))).env).toEqual({});
  });

  it('keeps the user’s own OPENCODE_CONFIG_CONTENT, plugin list included; one that is no JSON object wins alone', () => {
    const own = JSON.stringify({ model: 'x/y', plugin: ['opencode-wakatime'] });
    expect(JSON.parse(opencodeHookEnv(ctx(true, { OPENCODE_CONFIG_CONTENT: own })).OPENCODE_CONFIG_CONTENT!)).toEqual({
      model: 'x/y',
      plugin: ['opencode-wakatime', PLUGIN],
    });
    const hostOwn = { OPENCODE_CONFIG_CONTENT: '{"share":"disabled"}' };
    expect(JSON.parse(opencodeHookEnv(ctx(true), hostOwn).OPENCODE_CONFIG_CONTENT!)).toEqual({
      share: 'disabled',
      plugin: [PLUGIN],
    });
    expect(opencodeHookEnv(ctx(true, { OPENCODE_CONFIG_CONTENT: '{ // jsonc\n}' }))).toEqual({});
    expect(opencodeHookEnv(ctx(true, { OPENCODE_CONFIG_CONTENT: '[1]' }))).toEqual({});
  });

  it('points into app.asar.unpacked in the packaged app (opencode cannot read the archive)', () => {
    expect(opencodePluginPath('/opt/Flotilla/resources/app.asar')).toBe(
      '/opt/Flotilla/resources/app.asar.unpacked/bin/flotilla-opencode-plugin.js',
    );
    expect(opencodePluginPath('/src/flotilla')).toBe('/src/flotilla/bin/flotilla-opencode-plugin.js');
  });
});

describe('the opencode plugin (bin/flotilla-opencode-plugin.js) posting to a real receiver', () => {
  const saved = { ...process.env };
  let posts: HookPost[];
  let receiver: HookReceiver;

  async function plugin(): Promise<Record<string, Hook>> {
    const mod = (await import(pathToFileURL(opencodePluginPath()).href)) as Record<string, Plugin>;
    // opencode calls every export as a plugin: there must be only this one.
    expect(Object.keys(mod)).toEqual(['FlotillaHooks']);
    return mod.FlotillaHooks!();
  }

  beforeEach(async () => {
    posts = [];
    const credentials = new HookCredentials();
    receiver = new HookReceiver({ credentials, accepting: () => true, deliver: (post) => posts.push(post) });
    process.env.FLOTILLA_HOOK_URL = await receiver.url();
    process.env.FLOTILLA_HOOK_TOKEN = credentials.issue('s1');
    process.env.FLOTILLA_SESSION_ID = 's1';
  });
  afterEach(async () => {
    process.env = { ...saved };
    await receiver.close();
  });

  it('maps a turn to the engine’s events, in order, with the tool’s name', async () => {
    const hooks = await plugin();
    const event = (type: string, properties: unknown) => hooks.event!({ event: { type, properties } });
    await hooks['chat.message']!({ sessionID: 'ses_1', agent: 'build' }, { message: {}, parts: [] });
    await event('session.created', { info: { id: 'ses_2', parentID: 'ses_1' } });
    await hooks['tool.execute.before']!(
      { tool: 'bash', sessionID: 'ses_1', callID: 'c1' },
      { args: { command: 'ls' } },
    );
    await event('permission.asked', { id: 'per_1', sessionID: 'ses_1', permission: 'bash', patterns: ['ls'] });
    await event('permission.replied', { sessionID: 'ses_1', requestID: 'per_1', reply: 'once' });
    await hooks['tool.execute.after']!({ tool: 'bash', sessionID: 'ses_1', callID: 'c1', args: {} }, {});
    await event('permission.replied', { sessionID: 'ses_1', requestID: 'per_2', reply: 'reject' });
    await event('session.idle', { sessionID: 'ses_2' }); // a subagent's: not the end of the turn
    await event('session.status', { sessionID: 'ses_1', status: { type: 'idle' } });
    await event('session.idle', { sessionID: 'ses_1' });
    await waitFor(() => posts.length >= 6, { timeoutMs: 5000, what: 'six posts' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(posts.map((p) => [p.sessionId, p.event, p.payload?.tool_name])).toEqual([
      ['s1', 'UserPromptSubmit', undefined],
      ['s1', 'PreToolUse', 'bash'],
      ['s1', 'PermissionRequest', 'bash'],
      ['s1', 'PreToolUse', undefined],
      ['s1', 'PostToolUse', 'bash'],
      ['s1', 'Stop', undefined],
    ]);
    expect(posts[1]!.payload).toMatchObject({ hook_event_name: 'PreToolUse', tool_input: { command: 'ls' } });
  });

  it('never throws into opencode nor waits for the host: a silent host, garbage input', async () => {
    const silent: Server = createServer(() => undefined); // takes the request, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      process.env.FLOTILLA_HOOK_URL = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;
      const hooks = await plugin();
      const started = Date.now();
      for (let i = 0; i < 100; i++) await hooks['tool.execute.before']!({ tool: 'bash' }, { args: {} });
      await hooks.event!(undefined);
      await hooks.event!({ event: { type: 'session.idle', properties: null } });
      await hooks['chat.message']!(undefined);
      await hooks['tool.execute.after']!(null, null);
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('does nothing outside a Flotilla session (no hook variables)', async () => {
    delete process.env.FLOTILLA_HOOK_URL;
    expect(await plugin()).toEqual({});
  });
});
