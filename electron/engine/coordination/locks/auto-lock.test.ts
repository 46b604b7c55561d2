import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../../shared/session.js';
import { demoProvider } from '../../../providers/demo.js';
import { ProviderRegistry } from '../../../providers/registry.js';
import { useTestEngine } from '../../../test-support/test-engine.js';
import { waitFor, waitForStatus } from '../../../test-support/wait-for.js';
import { hookClientScript } from '../../hooks/session-hooks.js';

/**
 * Auto-lock on the real engine: demo agents in real ptys stand in for Claude Code, and their PreToolUse / Stop
 * hooks are posted to the real receiver the way the hook client posts them (URL and credential read from the
 * agent's own environment), or by the hook client itself. Writes wait 3 s at most here.
 */
const saved = process.env.FLOTILLA_AUTO_LOCK_WAIT_S;
process.env.FLOTILLA_AUTO_LOCK_WAIT_S = '3';
afterAll(() => {
  if (saved === undefined) delete process.env.FLOTILLA_AUTO_LOCK_WAIT_S;
  else process.env.FLOTILLA_AUTO_LOCK_WAIT_S = saved;
});

const hooked = { ...demoProvider, id: 'hooked-demo', hooks: { events: ['PreToolUse', 'PostToolUse', 'Stop'] } };
const engine = useTestEngine({ providers: new ProviderRegistry([hooked, demoProvider]) });

function agentEnv(session: Session): Record<string, string> {
  const pid = engine.tm.manager.get(session.id).pid!;
  const pairs = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

const write = (tool: string, file: string) => ({ tool_name: tool, tool_input: { file_path: file } });

/** Posts a hook as the hook client does; resolves with the HTTP status once the receiver answers. */
async function hook(session: Session, event: string, payload: object = {}, signal?: AbortSignal): Promise<number> {
  const env = agentEnv(session);
  const res = await fetch(env.FLOTILLA_HOOK_URL!, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.FLOTILLA_HOOK_TOKEN}` },
    body: JSON.stringify({ sessionId: session.id, event, payload: { hook_event_name: event, ...payload } }),
    ...(signal ? { signal } : {}),
  });
  return res.status;
}

/** Runs the real hook client for PreToolUse with the agent's environment; resolves with its exit and time. */
function hookClient(session: Session, payload: object): Promise<{ code: number | null; out: string; ms: number }> {
  const env = agentEnv(session);
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [hookClientScript(), 'PreToolUse'], {
      env: { PATH: process.env.PATH, ...env },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out, ms: Date.now() - started }));
    child.stdin.end(JSON.stringify({ hook_event_name: 'PreToolUse', ...payload }));
  });
}

async function stateAfter<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

async function session(name: string, worktreeOf?: string, provider = 'hooked-demo'): Promise<Session> {
  const { manager } = engine.tm;
  const [created] = await manager.create({
    repoPath: engine.temp.repo,
    name,
    provider,
    ...(worktreeOf ? { worktreeOf } : {}),
  });
  return waitForStatus(manager, created!.id, 'idle');
}

const locks = () =>
  engine.tm.manager.locks.list().map((l) => `${l.sessionName}:${l.scope}:${l.auto ? 'auto' : 'kept'}:${l.reason}`);
const lockNotes = (id: string) =>
  engine.tm.manager
    .history(id)
    .filter((e) => e.kind === 'lock')
    .map((e) => e.detail ?? '');

describe('auto-lock', () => {
  it('the second writer in a shared worktree waits until the first one’s turn ends, then takes the lock', async () => {
    const { manager } = engine.tm;
    manager.updateSettings({ autoLock: true });
    const w1 = await session('w1');
    const w2 = await session('w2', w1.id);
    expect(agentEnv(w2).FLOTILLA_HOOK_HOLD_S).toBe('3');
    const file = `${w1.worktreePath}/notes.md`;

    expect(await hook(w1, 'PreToolUse', write('Write', file))).toBe(204);
    expect(locks()).toEqual(['w1:path:auto:auto: Write notes.md']);

    const second = hook(w2, 'PreToolUse', write('Edit', file));
    expect(await stateAfter(second, 700)).toBe('pending');
    expect(lockNotes(w2.id)).toEqual([
      expect.stringMatching(
        /^auto-lock: Edit notes\.md waits, the worktree is held by w1 \(\w{8}\) since \d\d:\d\d: auto: Write notes\.md$/,
      ),
    ]);
    // w1 goes on: a tool that writes nothing is never held, nor is its own next write.
    expect(await hook(w1, 'PreToolUse', { tool_name: 'Bash', tool_input: { command: 'ls' } })).toBe(204);
    expect(await hook(w1, 'PreToolUse', write('MultiEdit', file))).toBe(204);
    expect(await stateAfter(second, 100)).toBe('pending');

    const stopped = Date.now();
    expect(await hook(w1, 'Stop')).toBe(204);
    expect(await second).toBe(204);
    const wokeMs = Date.now() - stopped;
    expect(wokeMs).toBeLessThan(1000);
    expect(locks()).toEqual(['w2:path:auto:auto: Edit notes.md']);
    expect(await hook(w2, 'Stop')).toBe(204);
    expect(locks()).toEqual([]);
    if (process.env.FLOTILLA_MEASURE === '1') console.log(`auto-lock: second writer answered ${wokeMs} ms after Stop`);
  });

  it('through the real hook client: the write waits past the client’s usual 2 s; past the wait it goes ahead, noted', async () => {
    const { manager } = engine.tm;
    manager.updateSettings({ autoLock: true });
    const w1 = await session('w1');
    const w2 = await session('w2', w1.id);
    await manager.locks.acquire(w1.id, 'refactoring', 'path', 0);
    const payload = write('Write', `${w1.worktreePath}/a.ts`);

    const timedOut = await hookClient(w2, payload);
    expect(timedOut).toMatchObject({ code: 0, out: '' });
    expect(timedOut.ms).toBeGreaterThanOrEqual(2900);
    expect(timedOut.ms).toBeLessThan(8000);
    expect(lockNotes(w2.id).at(-1)).toMatch(
      /^auto-lock: Write a\.ts went ahead without the worktree's lock \(held by w1 \(\w{8}\) since \d\d:\d\d: refactoring \(waited 3 s\)\)$/,
    );
    expect(locks()).toEqual(['w1:path:kept:refactoring']);

    const waiting = hookClient(w2, payload);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const released = Date.now();
    manager.locks.release(w1.id);
    const taken = await waiting;
    expect(taken).toMatchObject({ code: 0, out: '' });
    expect(Date.now() - released).toBeLessThan(1000);
    expect(locks()).toEqual(['w2:path:auto:auto: Write a.ts']);
  });

  it('a client that hangs up stops waiting; nothing is held with the setting off or in a worktree of one’s own', async () => {
    const { manager } = engine.tm;
    const off1 = await session('off1');
    const off2 = await session('off2', off1.id);
    expect(agentEnv(off2).FLOTILLA_HOOK_HOLD_S).toBeUndefined();
    expect(await hook(off1, 'PreToolUse', write('Write', 'x'))).toBe(204);
    expect(await hook(off2, 'PreToolUse', write('Write', 'x'))).toBe(204);
    expect(locks()).toEqual([]);

    manager.updateSettings({ autoLock: true });
    const alone = await session('alone');
    expect(await hook(alone, 'PreToolUse', write('Write', 'x'))).toBe(204);
    expect(locks()).toEqual([]);

    const w1 = await session('w1');
    const w2 = await session('w2', w1.id);
    expect(await hook(w1, 'PreToolUse', write('Write', 'x'))).toBe(204);
    const gone = new AbortController();
    const hungUp = hook(w2, 'PreToolUse', write('Write', 'x'), gone.signal).catch(() => 'aborted');
    await waitFor(() => lockNotes(w2.id).length === 1, { what: 'w2 waiting' });
    gone.abort();
    expect(await hungUp).toBe('aborted');
    await waitFor(() => lockNotes(w2.id).length === 2, { what: 'the wait ended' });
    expect(lockNotes(w2.id)[1]).toMatch(
      /went ahead without the worktree's lock \(wait ended: the wait for the lock was cancelled\)/,
    );
    expect(await hook(w1, 'Stop')).toBe(204);
    expect(locks()).toEqual([]);
  });
});
