import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codexHookArgs } from './codex-hooks.js';
import type { LaunchContext } from './provider.js';

describe('Codex notify as the Stop hook', () => {
  let dir: string;
  const wiring = {
    command: (event: string) => `hook ${event}`,
    argv: (event: string) => ['/opt/my "node"/node', '/srv/flotilla/bin/flotilla-hook.cjs', event],
  };
  const ctx = (hooks = true): LaunchContext => ({
    sessionId: 's1',
    prompt: '',
    conversationId: null,
    worktreePath: dir,
    stateDir: dir,
    profile: {
      id: 'p',
      provider: 'codex',
      name: 'p',
      binaryPath: null,
      extraArgs: [],
      model: null,
      env: { CODEX_HOME: path.join(dir, 'codex') },
      createdAt: 't',
      updatedAt: 't',
    },
    ...(hooks ? { hooks: wiring } : {}),
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'flotilla-codex-hooks-'));
    mkdirSync(path.join(dir, 'codex'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('passes -c notify=[the hook client, Stop] as a TOML array, escaped', async () => {
    writeFileSync(path.join(dir, 'codex', 'config.toml'), 'model = "gpt-5-codex"\n');
    expect(await codexHookArgs(ctx())).toEqual([
      '-c',
      'notify=["/opt/my \\"node\\"/node", "/srv/flotilla/bin/flotilla-hook.cjs", "Stop"]',
    ]);
    expect(await codexHookArgs(ctx(false))).toEqual([]);
  });

  it('leaves the user’s own notify program in place (Codex runs only one)', async () => {
    writeFileSync(path.join(dir, 'codex', 'config.toml'), 'notify = ["notify-send", "Codex"]\n');
    expect(await codexHookArgs(ctx())).toEqual([]);
  });
});
