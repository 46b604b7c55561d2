import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customProvider } from './custom.js';
import { commonInstallDirs, findBinary } from './find-binary.js';
import { ProviderRegistry } from './registry.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-providers-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function executable(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

describe('ProviderRegistry', () => {
  it('holds every built-in provider', () => {
    expect(new ProviderRegistry().ids().sort()).toEqual(['aider', 'claude', 'codex', 'custom', 'demo', 'gemini', 'opencode', 'shell']);
  });
});

describe('findBinary', () => {
  it('looks on PATH first, then in the usual install folders (~/.npm-global/bin, ~/.local/bin, …)', async () => {
    const local = executable(path.join(dir, 'home', '.local', 'bin', 'agent'));
    expect(await findBinary('agent', 'x', { envPath: path.join(dir, 'empty'), extraDirs: commonInstallDirs(path.join(dir, 'home')) })).toBe(local);
    const onPath = executable(path.join(dir, 'path', 'agent'));
    expect(await findBinary('agent', 'x', { envPath: path.join(dir, 'path'), extraDirs: commonInstallDirs(path.join(dir, 'home')) })).toBe(onPath);
    expect(commonInstallDirs('/h')).toEqual(expect.arrayContaining(['/h/.npm-global/bin', '/h/.local/bin', '/usr/local/bin']));
  });

  it('skips files that are not executable', async () => {
    writeFileSync(path.join(dir, 'agent'), 'data', { mode: 0o644 });
    await expect(findBinary('agent', 'hint', { envPath: dir, extraDirs: [] })).rejects.toMatchObject({ code: 'PROVIDER_NOT_FOUND' });
  });

  it('PROVIDER_NOT_FOUND names the install command', async () => {
    await expect(
      findBinary('claude', 'Install Claude Code: npm install -g @anthropic-ai/claude-code', { envPath: dir, extraDirs: [] }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_NOT_FOUND',
      message: 'claude was not found on PATH or in the usual install folders. Install Claude Code: npm install -g @anthropic-ai/claude-code',
    });
  });

  it('every CLI provider names its npm (or pip) install command', () => {
    const hints = Object.fromEntries(new ProviderRegistry().all().map((p) => [p.id, p.installHint]));
    expect(hints).toMatchObject({
      claude: expect.stringContaining('npm install -g @anthropic-ai/claude-code'),
      codex: expect.stringContaining('npm install -g @openai/codex'),
      gemini: expect.stringContaining('npm install -g @google/gemini-cli'),
      opencode: expect.stringContaining('npm install -g opencode-ai'),
      aider: expect.stringContaining('aider-install'),
    });
  });
});

describe('customProvider', () => {
  const ctx = { sessionId: 's', prompt: 'hi', conversationId: null, worktreePath: '/w', stateDir: '/s' };

  it('runs the command and args of its profile, and types the prompt', async () => {
    const bin = executable(path.join(dir, 'my-agent'));
    const profile = { id: 'p', provider: 'custom', name: 'mine', binaryPath: bin, extraArgs: ['--fast'], model: null, env: { A: '1' }, createdAt: 't', updatedAt: 't' };
    expect(await customProvider.launch({ ...ctx, profile })).toEqual({ file: bin, args: ['--fast'], env: { A: '1' } });
    expect(customProvider.typesPrompt).toBe(true);
    expect(await customProvider.resume({ ...ctx, profile })).toBeNull();
  });

  it('without a profile says how to make one', async () => {
    await expect(customProvider.launch(ctx)).rejects.toMatchObject({ code: 'PROVIDER_NOT_FOUND', message: expect.stringContaining('custom') });
  });
});
