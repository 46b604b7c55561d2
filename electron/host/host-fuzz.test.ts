import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../test-support/host-process.js';
import { rawRequest } from '../test-support/raw-http.js';
import { createTempRepo, type TempRepo } from '../test-support/temp-repo.js';

/**
 * Raw bytes from anyone who can reach the port, against a real host process (the build in dist/):
 * odd request lines, headers, upgrade requests and encodings, with and without the token. The host
 * must answer each one (or drop it) and stay up. Bounded in count and in time; the seed is printed
 * on failure and can be replayed with FLOTILLA_FUZZ_SEED.
 */

const MAX_REQUESTS = 3000;
const BUDGET_MS = 25_000;
const PARALLEL = 16;

let temp: TempRepo;
let hostProcess: HostProcess | undefined;

beforeEach(() => {
  temp = createTempRepo();
});

afterEach(async () => {
  await hostProcess?.stop();
  hostProcess = undefined;
  await temp.cleanup();
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function requestMaker(random: () => number, port: number, token: string) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const bytes = (n: number) => String.fromCharCode(...Array.from({ length: n }, () => Math.floor(random() * 256)));
  const pieces = [
    '/',
    '//',
    '[',
    ']',
    '//[',
    '/[',
    '%',
    '%E0%A4%A',
    '%zz',
    '%00',
    '%2e%2e/',
    '../',
    '..\\',
    '?',
    '#',
    '&',
    '@',
    ':',
    '\\',
    'http://',
    'http://[',
    'ws://',
    '*',
    '/ws',
    '/healthz',
    '/index.html',
    '/assets/x.js',
    `?token=${token}`,
    `&token=${token}`,
    '?token=',
    '?token=%',
    `?token=${token.slice(1)}`,
    'é',
    '\u0000',
    ' ',
    '%C0%AF',
    '%25',
    '%ff%fe',
    '/..%2f..%2fetc%2fpasswd',
  ];
  const target = () => {
    if (chance(0.05)) return bytes(1 + Math.floor(random() * 20));
    if (chance(0.03)) return `/${'a'.repeat(Math.floor(random() * 20_000))}`;
    if (chance(0.4)) {
      const clean = [
        '/',
        '/ws',
        '/healthz',
        '/index.html',
        '/assets/x.js',
        '/%E0%A4%A',
        '/%zz',
        '/..%2f',
        '/%00',
        '/a%2Fb',
      ];
      return `${pick(clean)}${chance(0.8) ? `?token=${token}` : ''}`;
    }
    return Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(pieces)).join('');
  };
  const hosts = [
    '127.0.0.1',
    `127.0.0.1:${port}`,
    'localhost',
    '[::1]',
    '[',
    '[::1',
    'evil.example',
    '',
    ':',
    bytes(4),
  ];
  const origins = [`http://127.0.0.1:${port}`, 'http://evil.example', 'null', '', '://', 'http://[', bytes(3)];
  const auths = [`Bearer ${token}`, 'Bearer ', 'Bearer', 'Basic xx', `Bearer ${token}x`, bytes(5)];
  const cookies = [`flotilla_token=${token}`, 'flotilla_token', '=;=;;', `a=b; flotilla_token=${token}; c`, bytes(6)];
  return (): { data: string; abort: boolean } => {
    // Mostly well-formed, so most requests get past Node's parser into the host's own handlers.
    const method = chance(0.9) ? pick(['GET', 'GET', 'POST', 'HEAD', 'OPTIONS']) : pick(['GET ', 'G\u00e9T', bytes(3)]);
    const version = chance(0.9) ? pick(['HTTP/1.1', 'HTTP/1.0']) : pick(['HTTP/2.0', 'HTTP/1.1 x', 'HTTP', bytes(2)]);
    const headers: string[] = [];
    if (chance(0.9)) headers.push(`Host: ${chance(0.6) ? `127.0.0.1:${port}` : pick(hosts)}`);
    if (chance(0.3)) headers.push(`Origin: ${pick(origins)}`);
    if (chance(0.4)) headers.push(`Authorization: ${chance(0.5) ? `Bearer ${token}` : pick(auths)}`);
    if (chance(0.3)) headers.push(`Cookie: ${pick(cookies)}`);
    if (chance(0.35)) {
      headers.push('Connection: Upgrade', `Upgrade: ${pick(['websocket', 'WebSocket', 'h2c', ''])}`);
      if (chance(0.8)) headers.push(`Sec-WebSocket-Version: ${pick(['13', '8', 'x'])}`);
      if (chance(0.8)) headers.push(`Sec-WebSocket-Key: ${pick(['dGhlIHNhbXBsZSBub25jZQ==', 'short', ''])}`);
    }
    if (chance(0.1)) headers.push(`Content-Length: ${pick(['5', '-1', 'x', '99999999999999999999', '0'])}`);
    if (chance(0.05)) headers.push('Transfer-Encoding: chunked');
    if (chance(0.1)) headers.push(`${pick(['X-A', 'X A', ':', '', bytes(4)])}: ${bytes(Math.floor(random() * 10))}`);
    const eol = chance(0.95) ? '\r\n' : '\n';
    let data = `${method} ${target()} ${version}${eol}${headers.join(eol)}${eol}${eol}`;
    if (chance(0.1)) data += bytes(Math.floor(random() * 40));
    if (chance(0.05)) data = data.slice(0, Math.floor(random() * data.length));
    return { data, abort: chance(0.08) };
  };
}

describe('host under malformed requests', () => {
  it('answers random request lines, headers and upgrades, and stays up', { timeout: 90_000 }, async () => {
    const staticDir = path.join(temp.dataDir, 'renderer');
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<title>Flotilla</title>');
    writeFileSync(path.join(staticDir, 'assets', 'x.js'), '1');
    hostProcess = await startHostProcess(temp.dataDir, { staticDir });
    const { port, token } = hostProcess;
    const seed = Number(process.env.FLOTILLA_FUZZ_SEED ?? Date.now() % 1e9);
    const next = requestMaker(mulberry32(seed), port, token);
    const statuses = new Map<number | 'none', number>();
    const deadline = Date.now() + BUDGET_MS;
    let sent = 0;
    const worker = async () => {
      while (sent < MAX_REQUESTS && Date.now() < deadline && !hostProcess!.exited()) {
        sent += 1;
        const { data, abort } = next();
        const answer = await rawRequest(port, Buffer.from(data, 'latin1'), { timeoutMs: 1500, abortAfterWrite: abort });
        const key = answer.status ?? 'none';
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const summary = `seed ${seed}, ${sent} requests, statuses ${JSON.stringify([...statuses])}; host stderr: ${hostProcess.stderr()}`;
    console.log(`host fuzz: ${summary.split('; host stderr')[0]}`);
    expect(hostProcess.exited(), summary).toBe(false);
    expect(sent, summary).toBeGreaterThanOrEqual(500);
    // A 500 means a handler threw: caught by the guard, but still a bug.
    expect(statuses.get(500) ?? 0, summary).toBe(0);
    expect(hostProcess.stderr(), summary).not.toMatch(/failed/);
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { Authorization: `Bearer ${token}` } });
    expect(healthy.status, summary).toBe(200);
  });
});
