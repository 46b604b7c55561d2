import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hookCommand, shellQuote } from '../engine/hooks/session-hooks.js';
import { claudeProvider } from './claude.js';
import { CLAUDE_HOOK_EVENTS } from './claude-hooks.js';
import type { LaunchContext } from './provider.js';

describe('Claude Code hooks for one launch', () => {
  let dir: string;
  const ctx = (overrides: Partial<LaunchContext> = {}): LaunchContext => ({
    sessionId: 's1',
    prompt: 'add a README',
    conversationId: '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70',
    worktreePath: path.join(dir, 'worktree'),
    stateDir: path.join(dir, 'state', 's1'),
    profile: {
      id: 'p',
      provider: 'claude',
      name: 'p',
      binaryPath: path.join(dir, 'claude'),
      extraArgs: [],
      model: null,
      env: { CLAUDE_CONFIG_DIR: path.join(dir, 'config') },
      createdAt: 't',
      updatedAt: 't',
    },
    ...overrides,
  });
  const wiring = { command: (event: string) => `hook ${event}`, argv: (event: string) => ['hook', event] };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'flotilla-claude-hooks-'));
    mkdirSync(path.join(dir, 'worktree'));
    writeFileSync(path.join(dir, 'claude'), '#!/bin/sh\n', { mode: 0o755 });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('passes --settings with a file in the state folder naming every hook, and nothing without hooks', async () => {
    const launch = await claudeProvider.launch(ctx({ hooks: wiring }));
    const file = path.join(dir, 'state', 's1', 'claude-hook-settings.json');
    expect(launch.args.slice(0, 4)).toEqual([
      '--settings',
      file,
      '--session-id',
      '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70',
    ]);
    expect(launch.args.slice(-2)).toEqual(['--', 'add a README']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const settings = JSON.parse(readFileSync(file, 'utf8')) as { hooks: Record<string, unknown> };
    expect(Object.keys(settings.hooks)).toEqual([...CLAUDE_HOOK_EVENTS]);
    expect(settings.hooks.PreToolUse).toEqual([
      { matcher: '*', hooks: [{ type: 'command', command: 'hook PreToolUse', timeout: 5 }] },
    ]);
    expect(settings.hooks.Stop).toEqual([{ hooks: [{ type: 'command', command: 'hook Stop', timeout: 5 }] }]);
    // Nothing lands in the worktree (the session's diff).
    expect(execFileSync('ls', ['-A', path.join(dir, 'worktree')], { encoding: 'utf8' })).toBe('');
    expect((await claudeProvider.launch(ctx())).args).not.toContain('--settings');
  });

  it('with auto-lock, Claude Code gives PreToolUse the host’s hold and 10 s more; the other hooks keep 5 s', async () => {
    await claudeProvider.launch(ctx({ hooks: { ...wiring, holdSeconds: 120 } }));
    const file = path.join(dir, 'state', 's1', 'claude-hook-settings.json');
    const settings = JSON.parse(readFileSync(file, 'utf8')) as { hooks: Record<string, unknown> };
    expect(settings.hooks.PreToolUse).toEqual([
      { matcher: '*', hooks: [{ type: 'command', command: 'hook PreToolUse', timeout: 130 }] },
    ]);
    expect(settings.hooks.PostToolUse).toEqual([
      { matcher: '*', hooks: [{ type: 'command', command: 'hook PostToolUse', timeout: 5 }] },
    ]);
  });

  it('the hook command survives the shell with any path: quoted, Electron switched to plain Node for it alone', () => {
    const odd = "/tmp/it's a dir/$HOME/`x`";
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(odd)}`], { encoding: 'utf8' })).toBe(odd);
    const command = hookCommand('Stop', '/opt/Flotilla App/flotilla', true);
    expect(command).toMatch(/^ELECTRON_RUN_AS_NODE=1 '\/opt\/Flotilla App\/flotilla' '.*flotilla-hook\.cjs' Stop$/);
    expect(hookCommand('Stop', '/usr/bin/node', false)).toMatch(/^'\/usr\/bin\/node' '/);
    expect(() => hookCommand('Stop; rm -rf ~')).toThrow(/not a hook event/);
  });
});
