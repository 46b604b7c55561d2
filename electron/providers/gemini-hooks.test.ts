import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { geminiProvider } from './gemini.js';
import { GEMINI_HOOK_EVENTS } from './gemini-hooks.js';
import type { LaunchContext } from './provider.js';

describe('Gemini CLI hooks for one launch', () => {
  let dir: string;
  const userDir = () => path.join(dir, 'user', '.gemini');
  const ctx = (overrides: Partial<LaunchContext> = {}): LaunchContext => ({
    sessionId: 's1',
    prompt: 'add a README',
    conversationId: '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70',
    worktreePath: path.join(dir, 'worktree'),
    stateDir: path.join(dir, 'state', 's1'),
    profile: {
      id: 'p',
      provider: 'gemini',
      name: 'p',
      binaryPath: path.join(dir, 'gemini'),
      extraArgs: [],
      model: null,
      env: { GEMINI_CLI_HOME: path.join(dir, 'user') },
      createdAt: 't',
      updatedAt: 't',
    },
    ...overrides,
  });
  const wiring = { command: (event: string) => `hook ${event}`, argv: (event: string) => ['hook', event] };
  const userHook = { matcher: 'run_shell_command', hooks: [{ type: 'command', command: 'mine' }] };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'flotilla-gemini-hooks-'));
    mkdirSync(path.join(dir, 'worktree'));
    mkdirSync(userDir(), { recursive: true });
    writeFileSync(path.join(dir, 'gemini'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(
      path.join(userDir(), 'settings.json'),
      JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } }, hooks: { BeforeTool: [userHook] } }),
    );
    writeFileSync(path.join(userDir(), 'oauth_creds.json'), '{}');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives the launch its own Gemini home: the user’s settings plus a hook per event, the rest linked', async () => {
    const launch = await geminiProvider.launch(ctx({ hooks: wiring }));
    const home = path.join(dir, 'state', 's1', 'gemini-home');
    expect(launch.env).toEqual({ GEMINI_CLI_HOME: home });
    expect(launch.args).toEqual([
      '--session-id',
      '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70',
      '--prompt-interactive=add a README',
    ]);
    const file = path.join(home, '.gemini', 'settings.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const settings = JSON.parse(readFileSync(file, 'utf8')) as { security: unknown; hooks: Record<string, unknown[]> };
    expect(settings.security).toEqual({ auth: { selectedType: 'gemini-api-key' } });
    expect(Object.keys(settings.hooks).sort()).toEqual(Object.keys(GEMINI_HOOK_EVENTS).sort());
    const env = {
      FLOTILLA_HOOK_URL: '$FLOTILLA_HOOK_URL',
      FLOTILLA_HOOK_TOKEN: '$FLOTILLA_HOOK_TOKEN',
      FLOTILLA_SESSION_ID: '$FLOTILLA_SESSION_ID',
    };
    const handler = (event: string) => ({
      name: `flotilla-${event}`,
      type: 'command',
      command: `hook ${event}`,
      timeout: 5000,
      env,
    });
    // The user's own hook stays first; Gemini's names run the engine's events.
    expect(settings.hooks.BeforeTool).toEqual([userHook, { matcher: '*', hooks: [handler('PreToolUse')] }]);
    expect(settings.hooks.Notification).toEqual([{ matcher: 'ToolPermission', hooks: [handler('PermissionRequest')] }]);
    expect(settings.hooks.AfterAgent).toEqual([{ hooks: [handler('Stop')] }]);
    expect(settings.hooks.BeforeAgent).toEqual([{ hooks: [handler('UserPromptSubmit')] }]);
    // Credentials and chats are the user's own, through links; their settings file is untouched.
    expect(readlinkSync(path.join(home, '.gemini', 'oauth_creds.json'))).toBe(path.join(userDir(), 'oauth_creds.json'));
    expect(readlinkSync(path.join(home, '.gemini', 'tmp'))).toBe(path.join(userDir(), 'tmp'));
    expect(JSON.parse(readFileSync(path.join(userDir(), 'settings.json'), 'utf8'))).not.toHaveProperty(
      'hooks.AfterAgent',
    );
    // Nothing lands in the worktree (the session's diff).
    expect(execFileSync('ls', ['-A', path.join(dir, 'worktree')], { encoding: 'utf8' })).toBe('');
    // A relaunch (resume) reuses the home.
    const again = await geminiProvider.launch(ctx({ hooks: wiring }));
    expect(again.env).toEqual({ GEMINI_CLI_HOME: home });
  });

  it('leaves the launch as it was without hooks, or with settings that are not plain JSON', async () => {
    expect((await geminiProvider.launch(ctx())).env).toEqual({ GEMINI_CLI_HOME: path.join(dir, 'user') });
    writeFileSync(path.join(userDir(), 'settings.json'), '{ // mine\n}');
    expect((await geminiProvider.launch(ctx({ hooks: wiring }))).env).toEqual({
      GEMINI_CLI_HOME: path.join(dir, 'user'),
    });
  });
});
