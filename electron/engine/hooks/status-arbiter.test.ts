import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/session.js';
import { demoProvider } from '../../providers/demo.js';
import type { LaunchContext } from '../../providers/provider.js';
import { ProviderRegistry } from '../../providers/registry.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitFor, waitForScreen, waitForStatus } from '../../test-support/wait-for.js';
import { DISAGREE_MS, RECONCILE_MS } from './status-arbiter.js';

/**
 * Status from hooks and screen together, on the real engine: the demo agent (a real pty, a real screen) as a
 * CLI with hooks. The hooks are posted the way the hook client posts them, with the URL and credential read
 * from the agent's own environment (/proc/PID/environ).
 */
const hooked = { ...demoProvider, id: 'hooked-demo', hooks: { events: ['PermissionRequest', 'Stop'] } };
/** Busy for 1.5 s before it asks, so a hook posted meanwhile surely comes before the question. */
const slow = {
  ...hooked,
  id: 'slow-hooked-demo',
  launch: async (ctx: LaunchContext) => {
    const launch = await demoProvider.launch(ctx);
    return { ...launch, env: { ...launch.env, FLOTILLA_DEMO_BUSY_MS: '1500' } };
  },
};
const engine = useTestEngine({ providers: new ProviderRegistry([hooked, slow, demoProvider]) });

function agentEnv(pid: number): Record<string, string> {
  const pairs = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

async function hook(session: Session, event: string, payload: Record<string, unknown> = {}): Promise<void> {
  const env = agentEnv(session.pid!);
  const res = await fetch(env.FLOTILLA_HOOK_URL!, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.FLOTILLA_HOOK_TOKEN}` },
    body: JSON.stringify({
      sessionId: env.FLOTILLA_SESSION_ID,
      event,
      payload: { hook_event_name: event, ...payload },
    }),
  });
  expect(res.status).toBe(204);
}

async function idleSession(provider = 'hooked-demo'): Promise<Session> {
  const { manager } = engine.tm;
  const [created] = await manager.create({ repoPath: engine.temp.repo, provider });
  return waitForStatus(manager, created!.id, 'idle');
}

const since = (s: Session) => ({ status: s.status, source: s.statusSource });

/** The receiver answers at once; the status follows once the arbiter has read the screen (a few ms). */
async function becomes(id: string, expected: { status: string; source: string }): Promise<Session> {
  const { manager } = engine.tm;
  return waitFor(() => JSON.stringify(since(manager.get(id))) === JSON.stringify(expected) && manager.get(id), {
    timeoutMs: 2000,
    what: `${id} to be ${JSON.stringify(expected)} (it was ${JSON.stringify(since(manager.get(id)))} when asked)`,
  });
}
const history = (id: string) => engine.tm.manager.history(id);

describe('status from hooks and the screen', () => {
  it('a permission request hook sets waiting before the screen; the screen’s question fills it in; approve answers it', async () => {
    const { manager } = engine.tm;
    const session = await idleSession('slow-hooked-demo');
    expect(since(session)).toEqual({ status: 'idle', source: 'screen' });
    const events: string[] = [];
    manager.onHookEvent((e) => events.push(`${e.providerId}:${e.event}`));
    await manager.send(session.id, 'run ls');
    await waitForStatus(manager, session.id, 'running');
    await hook(manager.get(session.id), 'PermissionRequest', { tool_name: 'Bash' });
    await becomes(session.id, { status: 'waiting', source: 'hook' });
    const asked = await waitFor(() => manager.get(session.id).question, { what: 'the question from the screen' });
    expect(asked.text).toBe('Do you want to run `ls`?');
    expect(since(manager.get(session.id))).toEqual({ status: 'waiting', source: 'hook' });
    expect(events).toEqual(['slow-hooked-demo:PermissionRequest']);
    await manager.approve(session.id);
    const after = await waitForStatus(manager, session.id, 'idle');
    expect(after.statusSource).toBe('screen');
    expect(
      history(session.id).some((e) => e.toStatus === 'waiting' && e.detail === 'hook: PermissionRequest Bash'),
    ).toBe(true);
  });

  it('a permission request hook alone never lets approve type into a screen without the question; the disagreement is logged with the screen', async () => {
    const { manager } = engine.tm;
    const session = await idleSession();
    await hook(session, 'PermissionRequest', { tool_name: 'Write' });
    const waiting = await becomes(session.id, { status: 'waiting', source: 'hook' });
    expect(waiting.question).toBeNull();
    await expect(manager.approve(session.id)).rejects.toThrow(/not waiting for an answer/);
    const note = await waitFor(() => history(session.id).find((e) => e.kind === 'status-disagreement'), {
      timeoutMs: DISAGREE_MS + 3000,
      what: 'the disagreement on the history',
    });
    expect(note.detail).toMatch(/no question is on the screen\nscreen:\n[\s\S]*Flotilla demo agent/);
    // Nothing was typed: the demo's input line is still empty, and its prompt is not answered.
    expect((await manager.screen(session.id)).text).not.toMatch(/Ran|Skipped|\n> 1/);
  });

  it('Stop while the screen asks a question: the question wins, and the disagreement is logged', async () => {
    const { manager } = engine.tm;
    const session = await idleSession();
    await manager.send(session.id, 'run ls');
    await waitForStatus(manager, session.id, 'waiting');
    await hook(manager.get(session.id), 'Stop');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(since(manager.get(session.id))).toEqual({ status: 'waiting', source: 'screen' });
    const note = await waitFor(() => history(session.id).find((e) => e.kind === 'status-disagreement'), {
      timeoutMs: DISAGREE_MS + 3000,
      what: 'the disagreement on the history',
    });
    expect(note.detail).toMatch(
      /the hook said idle \(Stop\) but the screen asks "Do you want to run `ls`\?"[\s\S]*1\. Yes/,
    );
    expect(manager.get(session.id).status).toBe('waiting');
  });

  it('prompt submitted -> running, Stop -> idle, from the hooks; a missed Stop leaves it to the quiet screen', async () => {
    const { manager } = engine.tm;
    const session = await idleSession();
    await hook(session, 'UserPromptSubmit');
    await becomes(session.id, { status: 'running', source: 'hook' });
    await hook(session, 'Stop');
    await becomes(session.id, { status: 'idle', source: 'hook' });
    // No Stop ever comes: after a while the idle, silent screen is believed.
    await hook(session, 'PreToolUse', { tool_name: 'Bash' });
    await becomes(session.id, { status: 'running', source: 'hook' });
    const idle = await waitForStatus(manager, session.id, 'idle', RECONCILE_MS + 3000);
    expect(idle.statusSource).toBe('screen');
    expect(
      history(session.id).some(
        (e) => e.kind === 'status-disagreement' && /running \(PreToolUse Bash\)/.test(e.detail ?? ''),
      ),
    ).toBe(true);
  });

  it('Stop while the screen still shows the CLI busy: idle from the hook as soon as the busy line goes', async () => {
    const { manager } = engine.tm;
    const session = await idleSession('slow-hooked-demo');
    await manager.send(session.id, 'tidy up');
    await waitForScreen(manager, session.id, 'esc to interrupt');
    await hook(manager.get(session.id), 'Stop');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(manager.get(session.id).status).toBe('running');
    // The demo takes its busy line down on Esc (as Claude Code does once its Stop hooks ran).
    manager.input(session.id, '\x1b');
    const idle = await becomes(session.id, { status: 'idle', source: 'hook' });
    expect(idle.status).toBe('idle');
  });

  it('after a Stop, the next prompt is new work: running, then waiting on its question', async () => {
    // As Codex does: its turn-complete notice (Stop) comes as the screen settles, and the user's next prompt
    // is sent before the screen was ever quiet long enough to read as idle.
    const { manager } = engine.tm;
    const session = await idleSession('slow-hooked-demo');
    await manager.send(session.id, 'run ls');
    await waitForStatus(manager, session.id, 'waiting');
    await manager.approve(session.id);
    await waitForScreen(manager, session.id, 'Done.');
    await hook(manager.get(session.id), 'Stop');
    await becomes(session.id, { status: 'idle', source: 'hook' });
    const stoppedAt = history(session.id).at(-1)!.id;
    await manager.send(session.id, 'run pwd');
    await waitForStatus(manager, session.id, 'waiting');
    const after = history(session.id)
      .filter((e) => e.id > stoppedAt && e.kind === 'status')
      .map((e) => `${e.fromStatus}>${e.toStatus}`);
    expect(after).toEqual(['idle>running', 'running>waiting']);
  });

  it('a hook arriving while the session is paused does not resume it; process and user transitions say so', async () => {
    const { manager } = engine.tm;
    const session = await idleSession();
    await manager.pause([session.id]);
    expect(since(manager.get(session.id))).toEqual({ status: 'paused', source: 'user' });
    await hook(session, 'UserPromptSubmit');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(manager.get(session.id).status).toBe('paused');
    await manager.kill([session.id]);
    const killed = manager.get(session.id);
    expect(since(killed)).toEqual({ status: 'cancelled', source: 'user' });
    expect(Date.parse(killed.statusSince!)).toBeGreaterThan(Date.parse(session.statusSince!));
  });

  it('without hooks (a provider that has none) the screen alone sets the status, as before', async () => {
    const { manager } = engine.tm;
    const session = await idleSession('demo');
    expect(session.statusSource).toBe('screen');
    await manager.send(session.id, 'run ls');
    const waiting = await waitForStatus(manager, session.id, 'waiting');
    expect(waiting.statusSource).toBe('screen');
    await manager.approve(session.id);
    await waitForScreen(manager, session.id, 'Done.');
    expect((await waitForStatus(manager, session.id, 'idle')).statusSource).toBe('screen');
  });
});
