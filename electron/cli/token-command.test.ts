import { execFile } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHostFile } from '../host/host-file.js';
import { FLOTILLA_BIN, startServeProcess, type ServeProcess } from '../test-support/serve-process.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';
import { testEnv } from '../test-support/test-manager.js';

let temp: TempRepo;
const started: ServeProcess[] = [];

function flotilla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [FLOTILLA_BIN, ...args, '--data-dir', temp.dataDir],
      { env: testEnv(), timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function serveUp(env?: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const serving = startServeProcess(temp.dataDir, [], env);
  started.push(serving);
  expect(await serving.settled, serving.stderr()).toBe('serving');
  return serving;
}

const healthz = async (port: number, token: string) =>
  (await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { Authorization: `Bearer ${token}` } })).status;

beforeEach(() => {
  temp = createTempRepo();
});

afterEach(async () => {
  for (const serving of started.splice(0)) await serving.stop();
  await temp.cleanup();
});

describe('flotilla token', () => {
  it('prints the token every host start uses, from a 0600 file, with or without a host', async () => {
    const printed = await flotilla('token');
    expect(printed.code).toBe(0);
    const token = printed.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(path.join(temp.dataDir, 'token')).mode & 0o777).toBe(0o600);
    expect((await flotilla('token')).stdout.trim()).toBe(token);
    const serving = await serveUp();
    expect(serving.stdout()).toContain(`token=${token}`);
    expect((await readHostFile(temp.dataDir))?.token).toBe(token);
  });

  it('--rotate: the running host keeps the old token until it restarts, then only the new one works', async () => {
    const first = await serveUp();
    const info = (await readHostFile(temp.dataDir))!;
    const rotated = await flotilla('token', '--rotate');
    expect(rotated.code).toBe(0);
    const fresh = rotated.stdout.trim();
    expect(fresh).not.toBe(info.token);
    expect(rotated.stderr).toContain(`the host running now (pid ${info.pid}) keeps the old token until it restarts`);
    expect(await healthz(info.port, info.token)).toBe(200);
    await first.stop();
    await serveUp();
    const after = (await readHostFile(temp.dataDir))!;
    expect(after.port).toBe(info.port);
    expect(await healthz(after.port, info.token)).toBe(401);
    expect(await healthz(after.port, fresh)).toBe(200);
  });
});

describe('flotilla serve prints how to run the CLI', () => {
  it('as `node /abs/bin/flotilla.js` when `flotilla` is not on PATH, as `flotilla` when it is', async () => {
    const first = await serveUp({ ...testEnv(), PATH: path.dirname(process.execPath) });
    expect(first.stdout()).toContain(`CLI: node ${FLOTILLA_BIN}`);
    expect(first.stdout()).toContain('npm link');
    await first.stop();
    // What `npm link` makes: a `flotilla` on PATH that leads to this package's bin/flotilla.js.
    const linked = path.join(temp.dir, 'bin');
    mkdirSync(linked);
    symlinkSync(FLOTILLA_BIN, path.join(linked, 'flotilla'));
    const second = await serveUp({ ...testEnv(), PATH: `${linked}${path.delimiter}${path.dirname(process.execPath)}` });
    expect(second.stdout()).toMatch(/^CLI: flotilla$/m);
  });
});
