import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session, SessionEvent } from '../../shared/session.js';
import { packageRoot } from '../package-root.js';
import { killSessionProcesses, sessionProcesses } from '../test-support/process-probe.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { TEST_BUSY_MS } from '../test-support/test-manager.js';
import { waitFor } from '../test-support/wait-for.js';

// approve / deny / choose through the real CLI against a real host, on the demo agent.

const BIN = path.join(packageRoot(), 'bin', 'flotilla.js');

let temp: TempRepo;
let host: ChildProcess | undefined;
const seen = new Set<string>();

function flotilla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, FLOTILLA_HOME: temp.dataDir, FLOTILLA_DEMO_BUSY_MS: TEST_BUSY_MS };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function ok(...args: string[]): Promise<string> {
  const run = await flotilla(...args);
  if (run.code !== 0) throw new Error(`flotilla ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

async function create(prompt: string): Promise<string> {
  const [session] = JSON.parse(await ok('new', '--repo', temp.repo, '--prompt', prompt, '--json')) as Session[];
  seen.add(session!.id);
  return session!.id;
}

async function events(id: string): Promise<SessionEvent[]> {
  return (JSON.parse(await ok('show', id, '--json')) as { events: SessionEvent[] }).events;
}

beforeEach(async () => {
  temp = createTempRepo();
  seen.clear();
  const env = { ...process.env, FLOTILLA_HOME: temp.dataDir, FLOTILLA_DEMO_BUSY_MS: TEST_BUSY_MS };
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(() => /token=/.test(out) || child.exitCode !== null, { what: 'host to print its URL' });
  if (child.exitCode !== null) throw new Error(`host exited: ${out}`);
  host = child;
});

afterEach(async () => {
  if (host && host.exitCode === null && host.signalCode === null) {
    const exited = new Promise((resolve) => host!.once('exit', resolve));
    host.kill('SIGTERM');
    await exited;
  }
  host = undefined;
  const leaked = sessionProcesses(seen);
  killSessionProcesses(seen);
  await temp.cleanup();
  expect(leaked).toEqual([]);
});

describe('flotilla approve / deny / choose', () => {
  it('answers the demo agent three ways, each recorded with who answered and which option', { timeout: 90_000 }, async () => {
    const id = await create('run npm test');
    await ok('wait', id, '--status', 'waiting', '--timeout', '15');
    expect(await ok('screen', id)).toContain("2. Yes, and don't ask again for this command");

    expect((await flotilla('choose', id)).code).toBe(2);
    const outOfRange = await flotilla('choose', id, '7');
    expect(outOfRange.code).toBe(1);
    expect(outOfRange.stderr).toMatch(/option 7 is not one of the 3 options/);

    expect(await ok('choose', id, '2')).toBe(`chose option 2 for ${id}\n`);
    await ok('wait', id, '--status', 'idle', '--timeout', '15');
    expect(await ok('screen', id)).toContain('Ran `npm test`');

    await ok('send', id, 'run npm publish');
    await ok('wait', id, '--status', 'waiting', '--timeout', '15');
    await ok('deny', id);
    await ok('wait', id, '--status', 'idle', '--timeout', '15');
    expect(await ok('screen', id)).toContain('Skipped `npm publish`.');

    await ok('send', id, 'add a readme');
    await ok('wait', id, '--status', 'waiting', '--timeout', '15');
    await ok('approve', id);
    await ok('wait', id, '--status', 'idle', '--timeout', '15');

    const answers = (await events(id)).filter((e) => ['chose', 'denied', 'approved'].includes(e.kind));
    expect(answers.map((e) => [e.kind, e.detail])).toEqual([
      ['chose', `by user: option 2 "Yes, and don't ask again for this command" — Do you want to run \`npm test\`?`],
      ['denied', 'by user: No — Do you want to run `npm publish`?'],
      ['approved', 'by user: Yes — Do you want to create add-a-readme.txt?'],
    ]);

    const notWaiting = await flotilla('choose', id, '1');
    expect(notWaiting.code).toBe(1);
    expect(notWaiting.stderr).toMatch(/INVALID_STATE: session .* is not waiting for an answer/);
  });

  it('new --auto-yes answers by itself but stops at a dangerous command; profiles lists none', { timeout: 90_000 }, async () => {
    const [session] = JSON.parse(await ok('new', '--repo', temp.repo, '--prompt', 'run git push --force', '--auto-yes', '--json')) as Session[];
    seen.add(session!.id);
    await ok('wait', session!.id, '--status', 'waiting', '--timeout', '15');
    await waitFor(async () => (await events(session!.id)).some((e) => e.kind === 'auto-yes-blocked'), { what: 'the guard to block', timeoutMs: 15_000 });
    const shown = await ok('show', session!.id);
    expect(shown).toContain('force-pushes');
    expect(await ok('profiles')).toBe('no provider profiles\n');
  });
});
