import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTestEngine } from '../test-support/test-engine.js';
import { waitFor } from '../test-support/wait-for.js';
import { ClientStreams } from './client-streams.js';
import { engineHandlers } from './engine-handlers.js';
import type { NativeOpener } from './open-handlers.js';

// session.open as the desktop app runs it, with a stand-in for Electron's shell (which cannot run here)
// and a fake editor that records how it was started.

const FAKE_OPEN = fileURLToPath(new URL('../cli/fixtures/fake-open.mjs', import.meta.url));
const NODE_DIR = path.dirname(process.execPath);
const client = new ClientStreams('open', () => undefined);
const engine = useTestEngine();

function standIn(env: NodeJS.ProcessEnv): NativeOpener & { opened: string[] } {
  const opened: string[] = [];
  return { opened, env, openPath: (folder) => (opened.push(folder), Promise.resolve('')) };
}

async function session(): Promise<{ id: string; worktreePath: string }> {
  const [created] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt: 'open it' });
  return created!;
}

function recorded(file: string): Promise<{ argv: string[]; cwd: string }> {
  return waitFor(() => existsSync(file) && readFileSync(file, 'utf8') && JSON.parse(readFileSync(file, 'utf8')), {
    what: `${file} to be written`,
  });
}

describe('session.open', () => {
  it('answers UNSUPPORTED without the desktop shell, and host.info says so', async () => {
    const { id } = await session();
    const handlers = engineHandlers(engine.tm.manager, { version: 'test', startedAt: 'now' });
    await expect(Promise.resolve(handlers['session.open']({ id, target: 'editor' }, client))).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('flotilla open'),
    });
    expect(await handlers['host.info']({}, client)).toMatchObject({ openTools: false });
  });

  it('starts the configured editor and terminal in the worktree', async () => {
    const { id, worktreePath } = await session();
    const out = path.join(engine.temp.dir, 'opened.json');
    const opener = standIn({ ...process.env, FAKE_OPEN_OUT: out });
    const handlers = engineHandlers(engine.tm.manager, { version: 'test', startedAt: 'now', opener });
    expect(await handlers['host.info']({}, client)).toMatchObject({ openTools: true });
    engine.tm.manager.updateSettings({ editorCommand: [FAKE_OPEN, '-n', '{path}'], terminalCommand: [FAKE_OPEN] });

    expect(await handlers['session.open']({ id, target: 'editor' }, client)).toEqual({
      command: [FAKE_OPEN, '-n', worktreePath],
      source: 'editorCommand setting',
    });
    expect(await recorded(out)).toMatchObject({ argv: ['-n', worktreePath], cwd: worktreePath });

    const terminalOut = path.join(engine.temp.dir, 'terminal.json');
    opener.env = { ...opener.env, FAKE_OPEN_OUT: terminalOut };
    await handlers['session.open']({ id, target: 'terminal' }, client);
    expect(await recorded(terminalOut)).toMatchObject({ argv: [], cwd: worktreePath });
    expect(opener.opened).toEqual([]);
  });

  it('hands the folder to the system when no editor is found, and names a missing configured one', async () => {
    const { id, worktreePath } = await session();
    const opener = standIn({ PATH: NODE_DIR, HOME: engine.temp.dir, VISUAL: 'vim' });
    const handlers = engineHandlers(engine.tm.manager, { version: 'test', startedAt: 'now', opener });
    expect(await handlers['session.open']({ id, target: 'editor' }, client)).toEqual({
      command: null,
      source: 'system file manager',
    });
    expect(opener.opened).toEqual([worktreePath]);

    engine.tm.manager.updateSettings({ editorCommand: ['no-such-editor-xyz'] });
    await expect(Promise.resolve(handlers['session.open']({ id, target: 'editor' }, client))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no-such-editor-xyz (the editorCommand setting) was not found'),
    });
    expect(opener.opened).toEqual([worktreePath]);
  });
});
