import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionActivity, TeamStatus } from '../../shared/coordination.js';
import type { Session } from '../../shared/session.js';
import type { RunningHost } from '../host/host-server.js';
import { gitSync } from '../test-support/temp-repo.js';
import { useTestEngine } from '../test-support/test-engine.js';
import { connectTestClient, startTestHost, type TestClient } from '../test-support/test-host.js';
import { waitFor, waitForScreen } from '../test-support/wait-for.js';
import { CliError } from './connect.js';
import { teamCommands } from './team-commands.js';

// The team commands against a real host (WebSocket, contract validation, handlers) and a real engine:
// real git, real ptys. Each command runs as `flotilla CMD` would, speaking for `--as ID`.

const t = useTestEngine();
let host: RunningHost;
let user: TestClient;

beforeEach(async () => {
  host = await startTestHost(t.tm.manager);
  user = await connectTestClient(host);
});

afterEach(async () => {
  user.socket.close();
  await host.close();
});

/** Runs `flotilla COMMAND ...positionals` with `flags`; returns what it printed, or throws its error. */
async function run(
  command: string,
  positionals: string[],
  flags: Record<string, string | boolean | undefined> = {},
): Promise<string> {
  const lines: string[] = [];
  await teamCommands[command]!({ client: user.client, positionals, flags, out: (text) => lines.push(text) });
  return lines.join('\n');
}

/** The CliError (usage: exit 2, failure: exit 1) a command throws; fails the test on anything else. */
async function cliErrorOf(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

async function createOne(extra: Record<string, unknown> = {}): Promise<Session> {
  const [session] = await t.tm.manager.create({ repoPath: t.temp.repo, prompt: '', ...extra });
  return session!;
}

describe('flotilla spawn', () => {
  it("prints the child's id alone first, then its name; the child builds on the parent's commits", async () => {
    const em = await createOne({ name: 'em' });
    writeFileSync(path.join(em.worktreePath, 'plan.md'), 'the plan\n');
    gitSync(em.worktreePath, ['add', 'plan.md']);
    gitSync(em.worktreePath, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'plan']);

    const out = await run('spawn', ['write the docs'], { as: 'em', name: 'docs' });

    const [id, summary] = out.split('\n');
    const child = t.tm.manager.get(id!);
    expect(child).toMatchObject({ parentId: em.id, name: 'docs', baseBranch: em.branch, prompt: 'write the docs' });
    expect(summary).toBe(`spawned docs (running) on ${child.branch} from ${em.branch}`);
    expect(existsSync(path.join(child.worktreePath, 'plan.md'))).toBe(true);

    const shared = JSON.parse(await run('spawn', [], { as: em.id, 'same-worktree': true, json: true })) as Session;
    expect(shared).toMatchObject({ worktreePath: em.worktreePath, sharesWorktreeOf: em.id, parentId: em.id });
  });

  it('refuses without a session to speak for, a bad --wait, an unknown base', async () => {
    const saved = process.env.FLOTILLA_SESSION_ID;
    delete process.env.FLOTILLA_SESSION_ID;
    try {
      expect((await cliErrorOf(run('spawn', ['x']))).message).toMatch(
        /inside a Flotilla session, or name the session with --as/,
      );
    } finally {
      if (saved !== undefined) process.env.FLOTILLA_SESSION_ID = saved;
    }
    const em = await createOne({ name: 'em' });
    const badWait = await cliErrorOf(run('spawn', ['x'], { as: em.id, wait: 'soon' }));
    expect(badWait.exitCode).toBe(2);
    await expect(run('spawn', ['x'], { as: em.id, base: 'no-such-branch' })).rejects.toMatchObject({
      code: 'UNKNOWN_BASE',
    });
  });
});

describe('children, others, alone, status, name', () => {
  it('answer for the session named by --as', async () => {
    const em = await createOne({ name: 'em' });
    expect(await run('alone', [], { as: em.id })).toBe('');
    expect(await run('children', [], { as: em.id })).toBe('no children');
    expect(await run('others', [], { as: em.id })).toBe('no other sessions on this repository');

    const worker = (await run('spawn', [], { as: em.id, name: 'w1' })).split('\n')[0]!;

    const children = JSON.parse(await run('children', [], { as: em.id, json: true })) as Session[];
    expect(children.map((s) => s.id)).toEqual([worker]);
    expect(await run('children', [], { as: em.id })).toMatch(new RegExp(`^ID .*\\n${worker}\\s+w1\\s`));
    const others = JSON.parse(await run('others', [], { as: worker, json: true })) as Session[];
    expect(others.map((s) => s.id)).toEqual([em.id]);

    const notAlone = await cliErrorOf(run('alone', [], { as: em.id }));
    expect(notAlone.exitCode).toBe(1);
    expect(notAlone.message).toBe('not alone: 1 other session on this repository');

    const status = JSON.parse(await run('status', [], { as: worker, json: true })) as TeamStatus;
    expect(status.me.id).toBe(worker);
    expect(status.others.map((s) => s.id)).toEqual([em.id]);
    const text = await run('status', [], { as: em.id });
    expect(text).toContain(`me: em (${em.id})`);
    expect(text).toContain('children:\n  ID');
    expect(text).toMatch(/locks:\n {2}none/);
    expect(text).toMatch(/my queue:\n {2}empty/);

    expect(await run('name', ['lead', 'engineer'], { as: em.id })).toBe(`${em.id} is now named lead engineer`);
    expect(t.tm.manager.get(em.id).name).toBe('lead engineer');
  });
});

describe('flotilla what and clear', () => {
  it('what: the question and tool under way; clear: a shell cleared, the demo refused', async () => {
    const demo = await createOne({ prompt: 'add notes' });
    const activity = await waitFor(
      async () => {
        const a = JSON.parse(await run('what', [demo.id], { json: true })) as SessionActivity;
        return a.currentTool ? a : undefined;
      },
      { what: 'the tool call', timeoutMs: 15_000 },
    );
    expect(activity.session.status).toBe('waiting');
    expect(await run('what', [demo.id])).toContain(`  tool:     ${activity.currentTool}`);
    await expect(run('clear', [demo.id])).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect((await cliErrorOf(run('what', []))).message).toBe('usage: flotilla what ID');

    const shell = await createOne({ provider: 'shell' });
    await t.tm.manager.send(shell.id, 'echo marker-$((40 + 2))');
    await waitForScreen(t.tm.manager, shell.id, 'marker-42');
    expect(await run('clear', [shell.id])).toBe(`cleared ${shell.id}`);
    await waitFor(async () => !(await t.tm.manager.screen(shell.id)).text.includes('marker-42'), {
      what: 'the screen to clear',
    });
  });
});
