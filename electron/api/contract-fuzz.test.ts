import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { methods, type MethodName, type MethodRequest } from '../../shared/contract.js';
import { ClientStreams } from './client-streams.js';
import { createTempRepo, gitSync, type TempRepo } from '../test-support/temp-repo.js';
import { openTestManager, type TestManager } from '../test-support/test-manager.js';
import { waitForStatus } from '../test-support/wait-for.js';
import { dispatch, type Handlers } from './dispatch.js';
import { engineHandlers } from './engine-handlers.js';

let temp: TempRepo;
let engine: TestManager;
let handlers: Handlers;
let sessionId: string;

/** A valid payload per method; the map's type makes a new method without an entry here a compile error. */
function validPayloads(): { [M in MethodName]: MethodRequest<M> } {
  return {
    'session.create': { repoPath: temp.repo, prompt: 'fuzz' },
    'session.list': {},
    'usage.report': { by: 'session' },
    'session.get': { id: sessionId },
    'session.events': { id: sessionId },
    'session.agentEvents': { id: sessionId, after: 0 },
    'session.screen': { id: sessionId },
    'session.send': { id: sessionId, text: 'x' },
    'session.input': { id: sessionId, data: 'x' },
    'session.resize': { id: sessionId, cols: 100, rows: 30 },
    'session.approve': { id: sessionId },
    'session.deny': { id: sessionId },
    'session.choose': { id: sessionId, option: 2 },
    'session.pause': { ids: [sessionId] },
    'session.resume': { ids: [sessionId] },
    'session.kill': { ids: [sessionId] },
    'session.restart': { ids: [sessionId] },
    'session.open': { id: sessionId, target: 'editor' },
    'session.remove': { id: sessionId, force: true },
    'session.update': { id: sessionId, name: 'renamed' },
    'session.archive': { id: sessionId, archived: false },
    'session.ack': { id: sessionId, chars: 10 },
    'session.subscribe': { id: sessionId },
    'session.unsubscribe': { id: sessionId },
    'providers.list': {},
    'repo.inspect': { repoPath: temp.repo },
    'repo.recent': {},
    'repo.createSample': {},
    'settings.get': {},
    'settings.set': { idleQuietMs: 500, guardDisabledRules: ['sudo'], guardExtraPatterns: ['make\\s+deploy'] },
    'host.info': {},
    'session.diff': { id: sessionId },
    'session.diffStatsAll': {},
    'session.diffFile': { id: sessionId, path: 'README.md' },
    'session.revertFile': { id: sessionId, path: 'README.md' },
    'session.revertHunk': { id: sessionId, path: 'README.md', header: '@@ -1 +1 @@', hash: '0123456789abcdef' },
    'session.fileLines': { id: sessionId, path: 'README.md', start: 1, end: 20 },
    'session.commit': { id: sessionId, message: 'fuzz' },
    'session.discard': { id: sessionId },
    'session.rebase': { id: sessionId },
    'session.merge': { id: sessionId, message: 'fuzz' },
    'mergeQueue.start': { ids: [sessionId], message: 'fuzz' },
    'mergeQueue.get': {},
    'ports.get': { id: sessionId },
    'review.add': { id: sessionId, file: 'README.md', startLine: 1, body: 'fuzz' },
    'review.list': { id: sessionId },
    'review.remove': { id: sessionId, commentId: 'rc-fuzz' },
    'review.edit': { id: sessionId, commentId: 'rc-fuzz', body: 'fuzz' },
    'review.send': { id: sessionId },
    'conflicts.list': {},
    'storage.repoTotals': {},
    'worktrees.merged': {},
    'worktrees.removeMerged': { ids: [sessionId] },
    'validators.list': { repoPath: temp.repo },
    'validators.set': { repoPath: temp.repo, name: 'fuzz', argv: ['true'], timeoutSec: 5 },
    'validators.remove': { repoPath: temp.repo, name: 'fuzz' },
    'validation.run': { id: sessionId },
    'validation.get': { id: sessionId },
    'validation.sendFailures': { id: sessionId },
    'session.push': { id: sessionId, pr: false },
    'session.pushTarget': { id: sessionId },
    'session.diskUsage': { id: sessionId },
    'worktrees.report': {},
    'worktrees.removeOrphan': { path: `${temp.dataDir}/worktrees/repo/orphan` },
    'repo.getSettings': { repoPath: temp.repo },
    'repo.setSettings': { repoPath: temp.repo, setupCommand: '' },
    'session.previews': { ids: [sessionId] },
    'session.stats': { id: sessionId },
    'profiles.list': {},
    'profiles.create': { provider: 'claude', name: 'fuzz', extraArgs: ['--verbose'], env: { A: '1' } },
    'profiles.update': { id: 'fuzz', model: 'opus' },
    'profiles.delete': { id: 'fuzz' },
    'dialog.pickFolder': { title: 'Choose a repository', defaultPath: temp.repo },
    'import.list': { repoPath: temp.repo },
    'import.start': { repoPath: temp.repo, latest: true },
    'message.send': { id: sessionId, text: 'hello' },
    'message.list': { id: sessionId },
    'session.watch': { id: sessionId, watcherId: sessionId, seconds: 5 },
    'session.spawn': { parentId: sessionId, prompt: 'fuzz child' },
    'session.children': { id: sessionId },
    'session.others': { id: sessionId },
    'session.team': { id: sessionId },
    'session.what': { id: sessionId },
    'session.clear': { id: sessionId },
    'lock.acquire': { id: sessionId, reason: 'fuzz' },
    'lock.release': { id: sessionId },
    'lock.list': {},
  } as { [M in MethodName]: MethodRequest<M> };
}

const BAD_VALUES: unknown[] = [
  null,
  12345,
  -1,
  1e12,
  1.5,
  'x',
  '',
  'x'.repeat(200_000),
  true,
  [],
  [1],
  {},
  { nested: 1 },
];

/** Payloads the method's schema rejects: non-objects, unknown keys, and each field replaced by bad values. */
function invalidPayloads(method: MethodName, valid: object): unknown[] {
  const schema = methods[method].request as z.ZodType;
  const candidates: unknown[] = [null, 42, 'text', [], [valid], { ...valid, unexpectedField: 1 }];
  for (const key of Object.keys(valid)) {
    for (const bad of BAD_VALUES) candidates.push({ ...valid, [key]: bad });
    const { [key]: _dropped, ...missing } = valid as Record<string, unknown>;
    candidates.push(missing);
  }
  return candidates.filter((payload) => !schema.safeParse(payload).success);
}

function observableState(): string {
  return JSON.stringify({
    sessions: engine.manager.list().map(({ lastActivityAt: _a, updatedAt: _u, ...rest }) => rest),
    events: engine.manager.list().map((s) => engine.manager.history(s.id).length),
    settings: engine.manager.settings(),
    branches: gitSync(temp.repo, ['for-each-ref', '--format=%(refname)', 'refs/heads']),
  });
}

beforeAll(async () => {
  temp = createTempRepo();
  engine = await openTestManager(temp.dataDir);
  handlers = engineHandlers(engine.manager, { version: 'test', startedAt: new Date().toISOString() });
  const [session] = await engine.manager.create({ repoPath: temp.repo, prompt: 'target' });
  sessionId = session!.id;
  await waitForStatus(engine.manager, sessionId, 'waiting');
});

afterAll(async () => {
  expect(await engine.close()).toEqual([]);
  await temp.cleanup();
});

describe('every contract method rejects malformed payloads', () => {
  const client = () => new ClientStreams('fuzz', () => undefined);

  it.each(Object.keys(methods) as MethodName[])('%s: typed VALIDATION error, nothing changes', async (method) => {
    const valid = validPayloads()[method];
    expect(methods[method].request.safeParse(valid).success).toBe(true);
    const invalid = invalidPayloads(method, valid);
    expect(invalid.length).toBeGreaterThan(3);
    const before = observableState();
    for (const payload of invalid) {
      const outcome = await dispatch(handlers, method, payload, client());
      expect(outcome, JSON.stringify(payload).slice(0, 200)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expect(observableState()).toBe(before);
    expect(engine.manager.get(sessionId).status).toBe('waiting');
  });

  it('answers unknown and prototype-named methods with UNKNOWN_METHOD', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'session', '']) {
      expect(await dispatch(handlers, name, {}, client())).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_METHOD' },
      });
    }
  });

  it('rejects paths and names that try to escape or inject, without side effects', async () => {
    const before = observableState();
    const attempts = [
      { repoPath: `${temp.repo}; rm -rf /`, prompt: 'x' },
      { repoPath: '../../etc', prompt: 'x' },
      { repoPath: temp.repo, baseBranch: '--upload-pack=touch /tmp/pwned' },
      { repoPath: temp.repo, baseBranch: 'main\n--exec=evil' },
    ];
    for (const payload of attempts) {
      const outcome = await dispatch(handlers, 'session.create', payload, client());
      expect(outcome.ok).toBe(false);
    }
    expect(observableState()).toBe(before);
  });
});
