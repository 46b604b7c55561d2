import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/session.js';
import { packageRoot } from '../package-root.js';
import { killSessionProcesses, sessionProcesses } from '../test-support/process-probe.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { waitFor } from '../test-support/wait-for.js';

/**
 * The real Codex CLI in Flotilla sessions without a model to talk to: its sign-in and start-up screens,
 * driven through `flotilla` against a real host. Opt-in: install it outside the project and point at the prefix:
 *   npm install --prefix /tmp/agents @openai/codex
 *   FLOTILLA_AGENTS_PREFIX=/tmp/agents npx vitest run electron/providers/real-cli.test.ts
 * Claude Code's trust screen (with a stray ↓) is covered by real-claude.test.ts, which runs in CI against
 * the scripted model server, as real-codex.test.ts does for Codex.
 */
const PREFIX = process.env.FLOTILLA_AGENTS_PREFIX;
const BIN_DIR = PREFIX ? path.join(PREFIX, 'node_modules', '.bin') : '';
const BIN = path.join(packageRoot(), 'bin', 'flotilla.js');

let temp: TempRepo;
let home: string;
let host: ChildProcess | undefined;
const seen = new Set<string>();

function env(): NodeJS.ProcessEnv {
  // A throwaway HOME: the CLIs keep config, trust and transcripts there.
  return {
    ...process.env,
    HOME: home,
    FLOTILLA_HOME: temp.dataDir,
    PATH: `${BIN_DIR}${path.delimiter}${process.env.PATH ?? ''}`,
  };
}

function flotilla(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { env: env(), timeout: 30_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`flotilla ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
  });
}

async function screenShows(id: string, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  let last = '';
  return waitFor(
    async () => {
      last = await flotilla('screen', id);
      return pattern.test(last) ? last : undefined;
    },
    { timeoutMs, intervalMs: 500, what: `screen of ${id} to match ${pattern}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${last}`);
  });
}

async function session(id: string): Promise<Session> {
  return JSON.parse(await flotilla('show', id, '--json')) as Session;
}

beforeEach(async () => {
  if (!PREFIX) return;
  temp = createTempRepo();
  home = path.join(temp.dir, 'home');
  mkdirSync(home);
  seen.clear();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(() => /token=/.test(out) || child.exitCode !== null, { what: 'host to print its URL' });
  host = child;
});

afterEach(async () => {
  if (!PREFIX) return;
  if (host && host.exitCode === null) {
    const exited = new Promise((resolve) => host!.once('exit', resolve));
    host.kill('SIGTERM');
    await exited;
  }
  const leaked = sessionProcesses(seen);
  killSessionProcesses(seen);
  await temp.cleanup();
  expect(leaked, 'agent processes left behind').toEqual([]);
});

async function killAndCheck(id: string): Promise<void> {
  await flotilla('kill', id);
  expect((await session(id)).status).toBe('cancelled');
  expect(sessionProcesses([id])).toEqual([]);
}

describe.skipIf(!PREFIX || !existsSync(path.join(BIN_DIR, 'codex')))('real Codex in a session', () => {
  it(
    'without an account shows its sign-in screen as needing sign-in, refuses answers there; kill leaves nothing (no daemon)',
    { timeout: 180_000 },
    async () => {
      const [created] = JSON.parse(
        await flotilla(
          'new',
          '--repo',
          temp.repo,
          '--provider',
          'codex',
          '--prompt',
          'add a README',
          '--auto-yes',
          '--json',
        ),
      ) as Session[];
      const id = created!.id;
      seen.add(id);
      await screenShows(id, /Sign in with ChatGPT/);
      await flotilla('wait', id, '--status', 'waiting', '--timeout', '30');
      expect((await session(id)).question).toMatchObject({
        text: 'Choose how you want to use Codex.',
        kind: 'sign-in',
        hint: expect.stringContaining('codex login'),
      });
      // Auto-yes leaves sign-in to the user; so do approve and deny (Esc does nothing there).
      await waitFor(async () => (await flotilla('show', id)).includes('auto-yes cannot sign in'), {
        timeoutMs: 10_000,
        intervalMs: 300,
      });
      for (const answer of ['approve', 'deny'])
        await expect(flotilla(answer, id)).rejects.toThrow(/needs sign-in: .*codex login/);
      await killAndCheck(id);
    },
  );

  it(
    'with a stored (dummy) API key: folder trust, then its composer with the prompt; resume --last restores it',
    { timeout: 180_000 },
    async () => {
      execFileSync(path.join(BIN_DIR, 'codex'), ['login', '--with-api-key'], {
        env: env(),
        input: 'sk-flotilla-dummy',
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      const [created] = JSON.parse(
        await flotilla('new', '--repo', temp.repo, '--provider', 'codex', '--prompt', 'add a README', '--json'),
      ) as Session[];
      const id = created!.id;
      seen.add(id);
      await screenShows(id, /Trust and continue/);
      await flotilla('wait', id, '--status', 'waiting', '--timeout', '30');
      expect((await session(id)).question).toMatchObject({
        text: 'Trust this folder?',
        options: ['Trust and continue', 'Back to Agent Command Center'],
      });
      // A stray ↓ in the terminal: approve still picks "Trust and continue" (counted from the highlight).
      await flotilla('send', id, '\x1b[B', '--no-enter');
      await screenShows(id, /› 2\. Back/);
      await flotilla('approve', id);
      await screenShows(id, /› add a README/);

      await flotilla('pause', id);
      // A durable pause: the host stops (the agent with it), a new host resumes with `codex resume --last`.
      const exited = new Promise((resolve) => host!.once('exit', resolve));
      host!.kill('SIGTERM');
      await exited;
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
        env: env(),
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      await waitFor(() => /token=/.test(out), { what: 'second host' });
      host = child;
      expect(sessionProcesses([id])).toEqual([]);
      await flotilla('resume', id);
      await screenShows(id, /› add a README[^]*Ask Codex to do anything|Conversation interrupted/);
      await killAndCheck(id);
    },
  );
});
