import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../shared/settings.js';
import type { Session } from '../../shared/session.js';
import { readHostFile } from '../host/host-file.js';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, runFlotilla, type CliRun } from '../test-support/cli-host.js';
import { sessionProcesses } from '../test-support/process-probe.js';
import { gitSync } from '../test-support/temp-repo.js';
import { connectTestClient } from '../test-support/test-host.js';
import { waitFor } from '../test-support/wait-for.js';

// `flotilla restart` and `flotilla open` through the real CLI (the build in dist/) against a real host.

const FAKE_OPEN = fileURLToPath(new URL('./fixtures/fake-open.mjs', import.meta.url));
const FAKE_BIN = fileURLToPath(new URL('./fixtures/bin', import.meta.url));
const NODE_DIR = path.dirname(process.execPath);

const cli = useCliHost();

function flotilla(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const merged: NodeJS.ProcessEnv = { ...cli.env(), ...extraEnv };
  for (const [key, value] of Object.entries(extraEnv)) if (value === undefined) delete merged[key];
  return runFlotilla(args, merged);
}

const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

async function create(prompt: string): Promise<Session> {
  const [session] = JSON.parse(await ok('new', '--repo', cli.temp.repo, '--prompt', prompt, '--json')) as Session[];
  cli.seen.add(session!.id);
  return session!;
}

async function setSettings(patch: SettingsPatch): Promise<void> {
  const info = await readHostFile(cli.temp.dataDir);
  const { client, socket } = await connectTestClient({ port: info!.port, token: info!.token });
  try {
    await client.invoke('settings.set', patch);
  } finally {
    socket.close();
  }
}

/** What the fake editor recorded: its arguments, its working directory and the session marker it saw. */
async function recorded(file: string): Promise<{ argv: string[]; cwd: string; sessionMarker?: string | null }> {
  await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').length > 0, { what: `${file} to be written` });
  return JSON.parse(readFileSync(file, 'utf8')) as { argv: string[]; cwd: string; sessionMarker?: string | null };
}

describe('flotilla restart', () => {
  it('runs a killed session again in its worktree, resuming its conversation', { timeout: 60_000 }, async () => {
    const session = await create('add notes');
    await ok('wait', session.id, '--status', 'waiting', '--timeout', '15');
    await ok('approve', session.id);
    await ok('wait', session.id, '--status', 'idle', '--timeout', '15');
    await ok('kill', session.id);

    expect(await ok('restart', session.id)).toBe(`restarted ${session.id} (running)\n`);
    await waitFor(
      async () => (await ok('screen', session.id)).includes(`Resumed conversation ${session.conversationId}`),
      {
        what: 'the demo agent to resume its conversation',
      },
    );
    const shown = JSON.parse(await ok('show', session.id, '--json')) as Session;
    expect(shown).toMatchObject({ worktreePath: session.worktreePath, branch: session.branch });
    expect(['running', 'idle']).toContain(shown.status);
    expect(existsSync(path.join(session.worktreePath, 'add-notes.txt'))).toBe(true);

    const again = await flotilla(['restart', session.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`${session.id}: cannot restart a (running|idle) session`));
    expect((await flotilla(['restart'])).code).toBe(2);
  });

  it('says why a session whose worktree was removed cannot restart', { timeout: 60_000 }, async () => {
    const session = await create('short lived');
    await ok('kill', session.id);
    gitSync(cli.temp.repo, ['worktree', 'remove', '--force', session.worktreePath]);
    const run = await flotilla(['restart', session.id]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`its worktree ${session.worktreePath} is gone`);
    expect(sessionProcesses([session.id])).toEqual([]);
  });
});

describe('flotilla open', () => {
  it(
    'starts the configured editor detached in the worktree, and a terminal likewise',
    { timeout: 60_000 },
    async () => {
      const session = await create('open me');
      const out = path.join(cli.temp.dir, 'editor.json');
      await setSettings({
        editorCommand: [FAKE_OPEN, '--new-window'],
        terminalCommand: [FAKE_OPEN, '--working-directory={path}'],
      });

      // Run from inside an agent's session: the editor must not carry that session's marker.
      const run = await flotilla(['open', session.id], { FAKE_OPEN_OUT: out, FLOTILLA_SESSION_ID: session.id });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain('(editorCommand setting)');
      expect(await recorded(out)).toEqual({
        argv: ['--new-window', session.worktreePath],
        cwd: session.worktreePath,
        sessionMarker: null,
      });

      const terminalOut = path.join(cli.temp.dir, 'terminal.json');
      const terminal = await flotilla(['open', session.id, '--terminal'], { FAKE_OPEN_OUT: terminalOut });
      expect(terminal.code).toBe(0);
      expect(await recorded(terminalOut)).toMatchObject({
        argv: [`--working-directory=${session.worktreePath}`],
        cwd: session.worktreePath,
      });
    },
  );

  it(
    'falls back from a terminal $VISUAL to `code` on PATH, and says so clearly when there is no editor',
    { timeout: 60_000 },
    async () => {
      const session = await create('find my editor');
      const out = path.join(cli.temp.dir, 'code.json');
      const run = await flotilla(['open', session.id], {
        FAKE_OPEN_OUT: out,
        PATH: [FAKE_BIN, NODE_DIR].join(path.delimiter),
        VISUAL: 'vim',
        EDITOR: undefined,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('(code on PATH)');
      expect(await recorded(out)).toMatchObject({
        program: 'code',
        argv: [session.worktreePath],
        cwd: session.worktreePath,
      });

      const none = await flotilla(['open', session.id], { PATH: NODE_DIR, VISUAL: 'vim', EDITOR: undefined });
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/NOT_FOUND: no editor found to open .*set "Editor command" in Settings/);
      expect(none.stderr).toContain('$VISUAL=vim runs in a terminal');

      await setSettings({ editorCommand: ['no-such-editor-xyz'] });
      const missing = await flotilla(['open', session.id]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('no-such-editor-xyz (the editorCommand setting) was not found');
      expect((await flotilla(['open'])).code).toBe(2);
    },
  );
});
