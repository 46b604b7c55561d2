import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/contract.js';
import type { Session } from '../../shared/session.js';
import { fileNameFor } from '../demo-agent/demo-file-name.js';
import { ClientStreams } from './client-streams.js';
import { dispatch, type DispatchResult, type Handlers } from './dispatch.js';
import { engineHandlers } from './engine-handlers.js';
import { gitSync, repoState } from '../test-support/temp-repo.js';
import { useTestEngine } from '../test-support/test-engine.js';
import { waitFor, waitForStatus } from '../test-support/wait-for.js';

// Hostile names, prompts, branch prefixes and paths through the contract, as a client would send them:
// nothing is ever run by a shell, nothing lands outside the data dir's worktrees, branch names stay
// valid, prompts reach the agent byte for byte, and what is refused leaves no trace.

const engine = useTestEngine();
let handlers: Handlers;
let markers: string;
let canary: string;

beforeEach(() => {
  handlers = engineHandlers(engine.tm.manager, { version: 'test', startedAt: new Date().toISOString() });
  markers = path.join(engine.temp.dir, 'markers');
  mkdirSync(markers);
  // What `rm -rf` in a hostile string would delete if anything ran it (never the real `~`: a test must not risk HOME).
  canary = path.join(engine.temp.dir, 'canary');
  mkdirSync(canary);
  writeFileSync(path.join(canary, 'alive'), 'yes\n');
});

function call(method: MethodName, payload: unknown): Promise<DispatchResult> {
  return dispatch(handlers, method, payload, new ClientStreams('hostile', () => undefined));
}

async function ok<T>(method: MethodName, payload: unknown): Promise<T> {
  const outcome = await call(method, payload);
  if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.result as T;
}

/** Strings a shell would act on; each names its own marker file, created only if a shell ran it. */
function shellStrings(): string[] {
  const m = (n: number) => path.join(markers, `pwned-${n}`);
  return [
    `$(touch ${m(1)})`,
    `\`touch ${m(2)}\``,
    `fix it; touch ${m(3)}; rm -rf ${canary}`,
    `fix it | sh -c 'touch ${m(4)}'`,
    `fix it && touch ${m(5)} || touch ${m(5)}`,
    `"; touch ${m(6)}; echo "`,
    `'$(touch ${m(7)})'`,
    `line one\nline two; touch ${m(8)}\r\nline three`,
  ];
}

const PATH_LIKE = [
  '../../../../tmp/escape',
  '/etc/passwd',
  '..',
  '.',
  './.git/config',
  'a/../../b',
  '~/x',
  '\\..\\..\\windows',
];
const UNSAFE_FOR_REFS = [
  'feature..branch',
  'a~b^c:d?e*f[g\\h',
  'x@{1}',
  'name.lock',
  '-rf --force',
  '.hidden',
  '   spaced   out   ',
  '\t\u0007\u001b[31mred',
];
const UNICODE = ['résumé 🚀 日本語', 'עברית \u202e evil.txt', 'zero\u200bwidth\u00a0space', '🚀'.repeat(50)];

function transcriptPrompts(session: Session): string[] {
  const dir = path.join(engine.tm.manager.dataDir, 'sessions', session.id);
  const file = readdirSync(dir).find((f) => f.startsWith('demo-transcript-'));
  if (!file) throw new Error(`no demo transcript in ${dir}`);
  return (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { prompts: string[] }).prompts;
}

function expectContained(session: Session): void {
  const root = realpathSync(path.join(engine.tm.manager.dataDir, 'worktrees'));
  const real = realpathSync(session.worktreePath);
  expect(path.relative(root, real).split(path.sep), session.worktreePath).toEqual([
    'repo',
    path.basename(session.worktreePath),
  ]);
  expect(path.basename(real)).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}$/);
  // A branch git accepts as is, checked out in that worktree.
  expect(gitSync(engine.temp.repo, ['check-ref-format', '--branch', session.branch])).toBe(session.branch);
  expect(session.branch).toMatch(/^flotilla\/[a-z0-9-]+-[0-9a-f]{8}$/);
  expect(gitSync(real, ['rev-parse', '--abbrev-ref', 'HEAD'])).toBe(session.branch);
}

function expectNothingRan(): void {
  expect(readdirSync(markers)).toEqual([]);
  expect(readFileSync(path.join(canary, 'alive'), 'utf8')).toBe('yes\n');
}

describe('hostile session names and prompts', () => {
  it(
    'run no command, stay inside the worktrees folder with valid branches, and reach the agent verbatim',
    { timeout: 60_000 },
    async () => {
      const strings = [...shellStrings(), ...PATH_LIKE, ...UNSAFE_FOR_REFS, ...UNICODE];
      // Each string as both the name (where the schema allows it) and the prompt of one session.
      const sessions = await Promise.all(
        strings.map(async (text) => {
          const name = text.slice(0, 100);
          const { sessions } = await ok<{ sessions: Session[] }>('session.create', {
            repoPath: engine.temp.repo,
            name,
            prompt: text,
          });
          expect(sessions).toHaveLength(1);
          return { text, name, session: sessions[0]! };
        }),
      );
      for (const { session } of sessions) await waitForStatus(engine.tm.manager, session.id, 'waiting', 30_000);
      for (const { text, name, session } of sessions) {
        expect(session.name).toBe(name);
        expect(session.prompt).toBe(text);
        expect(transcriptPrompts(session)).toEqual([text]);
        expectContained(session);
      }
      // Approved, the demo agent writes the prompt it was given into a file in its worktree.
      for (const { session } of sessions) await ok('session.approve', { id: session.id });
      for (const { text, session } of sessions) {
        const file = path.join(session.worktreePath, fileNameFor(text));
        await waitFor(() => existsSync(file), { what: `the file of "${text.slice(0, 40)}"` });
        await waitFor(() => readFileSync(file, 'utf8').endsWith('\n'), { what: 'the whole file' });
        expect(readFileSync(file, 'utf8')).toBe(`Created by the Flotilla demo agent.\nPrompt: ${text}\n`);
      }
      expectNothingRan();
      // The user's checkout and the repo's own worktree list hold nothing foreign.
      expect(gitSync(engine.temp.repo, ['status', '--porcelain'])).toBe('');
      const listed = gitSync(engine.temp.repo, ['worktree', 'list', '--porcelain'])
        .split('\n')
        .filter((line) => line.startsWith('worktree '));
      expect(listed).toHaveLength(strings.length + 1);
    },
  );

  it('take a 100,000-character prompt verbatim and refuse longer names and prompts with no side effect', async () => {
    const long = `${shellStrings()[0]} ${'x'.repeat(100_000)}`.slice(0, 100_000);
    const { sessions } = await ok<{ sessions: Session[] }>('session.create', {
      repoPath: engine.temp.repo,
      prompt: long,
    });
    await waitForStatus(engine.tm.manager, sessions[0]!.id, 'waiting');
    expect(transcriptPrompts(sessions[0]!)).toEqual([long]);
    expectContained(sessions[0]!);

    const before = repoState(engine.temp.repo, engine.tm.manager.dataDir);
    const count = engine.tm.manager.list().length;
    const refused = [
      { prompt: 'x'.repeat(100_001) },
      { prompt: 'ok', name: 'n'.repeat(101) },
      { prompt: 'ok', name: '🚀'.repeat(101) },
      { prompt: 'ok', name: '' },
      // Within the schema's 100,000 characters but over the 128 KiB a single command-line argument may hold.
      { prompt: 'é'.repeat(100_000) },
      { prompt: '日'.repeat(50_000) },
    ];
    for (const payload of refused) {
      const outcome = await call('session.create', { repoPath: engine.temp.repo, ...payload });
      expect(outcome, JSON.stringify(payload).slice(0, 80)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const bytes = await call('session.create', { repoPath: engine.temp.repo, prompt: 'é'.repeat(100_000) });
    expect(!bytes.ok && bytes.error.message).toMatch(/prompt \(200000 bytes of UTF-8\) is too long/);
    expect(engine.tm.manager.list()).toHaveLength(count);
    expect(repoState(engine.temp.repo, engine.tm.manager.dataDir)).toEqual(before);
    expectNothingRan();
  });

  it('refuse hostile base branches and repository paths, and branch prefixes git would not accept', async () => {
    const before = repoState(engine.temp.repo, engine.tm.manager.dataDir);
    for (const baseBranch of [
      '--orphan=evil',
      `main; touch ${path.join(markers, 'base')}`,
      '../main',
      '-',
      'main^{tree}',
    ]) {
      const outcome = await call('session.create', { repoPath: engine.temp.repo, baseBranch, prompt: 'x' });
      expect(outcome, baseBranch).toMatchObject({ ok: false });
    }
    for (const repoPath of [`$(touch ${path.join(markers, 'repo')})`, '/etc', `${engine.temp.repo}/../../..`]) {
      const outcome = await call('session.create', { repoPath, prompt: 'x' });
      expect(outcome, repoPath).toMatchObject({ ok: false, error: { code: 'NOT_A_REPO' } });
    }
    // Prefixes git could not use in a branch name: refused by the setting, so no create ever sees them.
    const hostile = [`$(touch ${path.join(markers, 'prefix')})/`, '../', 'a b/', 'x\n/', '~/', 'a;b/'];
    for (const branchPrefix of [...hostile, 'feature..x/', 'x.lock/', '/', '.hidden/', 'a//b/', '-/']) {
      expect(await call('settings.set', { branchPrefix }), branchPrefix).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expect(engine.tm.manager.settings().branchPrefix).toBe('flotilla/');
    expect(engine.tm.manager.list()).toEqual([]);
    expect(repoState(engine.temp.repo, engine.tm.manager.dataDir)).toEqual(before);
    expectNothingRan();
  });
});

describe('hostile paths in per-file requests', () => {
  it('are refused by every file method, outside files untouched and nothing committed', async () => {
    const { sessions } = await ok<{ sessions: Session[] }>('session.create', {
      repoPath: engine.temp.repo,
      prompt: 'one file',
    });
    const session = sessions[0]!;
    await waitForStatus(engine.tm.manager, session.id, 'waiting');
    await ok('session.approve', { id: session.id });
    await waitFor(() => existsSync(path.join(session.worktreePath, 'one-file.txt')), { what: 'the agent file' });
    const outside = path.join(engine.temp.dir, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
    symlinkSync(outside, path.join(session.worktreePath, 'escape'));
    const commits = gitSync(session.worktreePath, ['rev-list', '--count', 'HEAD']);
    const status = gitSync(session.worktreePath, ['status', '--porcelain']);

    const hostile = [
      '../outside/secret.txt',
      '../../../../etc/passwd',
      path.join(outside, 'secret.txt'),
      path.join(session.worktreePath, 'one-file.txt'),
      'escape/secret.txt',
      'sub/../../outside/secret.txt',
      '.git/config',
      './.git/HEAD',
      'one-file.txt/../../outside/secret.txt',
      'one\0file.txt',
    ];
    const id = session.id;
    const requests: [MethodName, (p: string) => object][] = [
      ['session.diffFile', (p) => ({ id, path: p })],
      ['session.revertFile', (p) => ({ id, path: p })],
      ['session.fileLines', (p) => ({ id, path: p, start: 1, end: 10 })],
      ['session.revertHunk', (p) => ({ id, path: p, header: '@@ -1 +1 @@', hash: '0123456789abcdef' })],
      ['session.commit', (p) => ({ id, message: 'hostile', paths: [p] })],
    ];
    for (const [method, payload] of requests) {
      for (const p of hostile) {
        const outcome = await call(method, payload(p));
        expect(outcome.ok, `${method} ${JSON.stringify(p)}`).toBe(false);
        if (!outcome.ok)
          expect(['INVALID_PATH', 'VALIDATION'], `${method} ${JSON.stringify(p)}: ${outcome.error.message}`).toContain(
            outcome.error.code,
          );
      }
    }
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret\n');
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    expect(gitSync(session.worktreePath, ['rev-list', '--count', 'HEAD'])).toBe(commits);
    expect(gitSync(session.worktreePath, ['status', '--porcelain'])).toBe(status);
    // The file it may touch is still served.
    expect(await ok('session.diffFile', { id, path: 'one-file.txt' })).toMatchObject({ kind: 'text' });
  });
});
