import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidationReport } from '../../../shared/validation.js';
import { resolveRepoRoot } from '../../git/repo-info.js';
import { errorOf } from '../../test-support/error-of.js';
import { useTestEngine } from '../../test-support/test-engine.js';
import { waitFor, waitForEvents, waitForStatus } from '../../test-support/wait-for.js';

const engine = useTestEngine();

/** Fails when a visible file at the worktree's top holds "BUG"; prints its own nice value when clean. */
const CHECK = [
  'node',
  '-e',
  "const fs=require('fs');const bad=fs.readdirSync('.').filter(f=>!f.startsWith('.')&&fs.statSync(f).isFile()&&fs.readFileSync(f,'utf8').includes('BUG'));" +
    "if(bad.length){console.error('BUG found in '+bad.join(', '));process.exit(1)}console.log('clean, nice '+require('os').getPriority())",
];

async function addValidator(name: string, argv: string[], timeoutSec = 60) {
  const { store } = engine.tm.manager.reviewLoop.validation;
  store.set(await resolveRepoRoot(engine.temp.repo), { name, argv, timeoutSec });
}

async function idleSession(prompt: string) {
  const [session] = await engine.tm.manager.create({ repoPath: engine.temp.repo, prompt, autoYes: true });
  await waitForStatus(engine.tm.manager, session!.id, 'idle');
  return session!;
}

function settled(id: string, status: ValidationReport['status'], timeoutMs = 15_000) {
  const { service } = engine.tm.manager.reviewLoop.validation;
  return waitForEvents(engine.tm.manager, () => (service.get(id).status === status ? service.get(id) : undefined), {
    timeoutMs,
    what: `validation of ${id} to be ${status}`,
    describe: () => JSON.stringify(service.get(id)),
  });
}

describe('validators', () => {
  it('run when a session goes idle with new content: one passes, one fails; the gate refuses, an override is recorded, results survive a restart', async () => {
    await addValidator('check', CHECK);
    const good = await idleSession('add a note');
    const bad = await idleSession('add a BUG');
    const passed = await settled(good.id, 'passed');
    const failed = await settled(bad.id, 'failed');
    expect(passed.results[0]).toMatchObject({ name: 'check', status: 'passed', exitCode: 0 });
    // Below the agents: the validator itself saw nice 10.
    expect(passed.results[0]!.outputTail).toContain('clean, nice 10');
    expect(failed.results[0]!.outputTail).toContain('BUG found in add-a-bug.txt');
    expect(failed.head).toMatch(/^[0-9a-f]{40}:[0-9a-f]{40}$/);
    const log = path.join(engine.temp.dataDir, 'sessions', bad.id, 'validation', 'check.log');
    expect(readFileSync(log, 'utf8')).toContain('BUG found');
    const names = engine.tm.events.filter((e) => e.name.startsWith('validator.')).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['validator.started', 'validator.passed', 'validator.failed']));

    const { validation } = engine.tm.manager.reviewLoop;
    expect(await errorOf(validation.gate(bad.id, false))).toMatchObject({
      code: 'VALIDATION_REQUIRED',
      message: expect.stringContaining('validator check failed'),
    });
    await validation.gate(good.id, false);
    await validation.gate(bad.id, true);
    expect(engine.tm.manager.history(bad.id).find((e) => e.kind === 'merge-override')?.detail).toContain(
      'check failed',
    );

    // Content the validators have not seen: "not validated".
    writeFileSync(path.join(good.worktreePath, 'later.txt'), 'more\n');
    expect((await errorOf(validation.gate(good.id, false))).message).toContain('not validated');

    await engine.reopen();
    const { service } = engine.tm.manager.reviewLoop.validation;
    expect(service.get(bad.id)).toMatchObject({ status: 'failed', head: failed.head });
    expect(service.get(good.id).status).toBe('passed');
  }, 40_000);

  it('sends failures to the agent, which fixes them; the validators run again when it is idle after the message', async () => {
    await addValidator('check', CHECK);
    const bad = await idleSession('add a BUG');
    await settled(bad.id, 'failed');
    const { service } = engine.tm.manager.reviewLoop.validation;
    expect(service.sendFailures(bad.id)).toEqual(['check']);
    await settled(bad.id, 'passed', 20_000);
    expect(existsSync(path.join(bad.worktreePath, 'add-a-bug.txt'))).toBe(false);
  }, 40_000);

  it('after failures are sent, the validators run again at the next idle even when the content did not change', async () => {
    const flag = path.join(engine.temp.dir, 'still-broken');
    writeFileSync(flag, '');
    // Fails while a file outside the worktree exists: the agent's "fix" changes nothing in the worktree.
    await addValidator('outside', [
      'node',
      '-e',
      `process.exit(require('fs').existsSync(${JSON.stringify(flag)})?1:0)`,
    ]);
    const session = await idleSession('add a note');
    await settled(session.id, 'failed');
    rmSync(flag);
    const { service } = engine.tm.manager.reviewLoop.validation;
    service.sendFailures(session.id);
    await settled(session.id, 'passed', 20_000);
  }, 40_000);

  it('auto-fix (validationAutoFix) sends the failure by itself', async () => {
    engine.tm.manager.updateSettings({ validationAutoFix: 1 });
    await addValidator('check', CHECK);
    const bad = await idleSession('add a BUG');
    await settled(bad.id, 'passed', 25_000);
    expect(engine.tm.manager.history(bad.id).map((e) => e.detail)).toContainEqual(
      expect.stringContaining('failures sent to the agent (auto-fix 1)'),
    );
  }, 40_000);

  it('runs at most validatorConcurrency at once; the others queue', async () => {
    const log = path.join(engine.temp.dir, 'runs.log');
    const SLOW = [
      'node',
      '-e',
      `const fs=require('fs');fs.appendFileSync(${JSON.stringify(log)},'start '+Date.now()+'\\n');setTimeout(()=>fs.appendFileSync(${JSON.stringify(log)},'end '+Date.now()+'\\n'),600)`,
    ];
    const a = await idleSession('first');
    const b = await idleSession('second');
    const c = await idleSession('third');
    await addValidator('slow', SLOW);
    const { service } = engine.tm.manager.reviewLoop.validation;
    const overlap = async (limit: number) => {
      engine.tm.manager.updateSettings({ validatorConcurrency: limit });
      writeFileSync(log, '');
      const reports = await Promise.all([a, b, c].map((s) => service.run(s.id)));
      expect(reports.map((r) => r.status)).toEqual(['passed', 'passed', 'passed']);
      let running = 0;
      let most = 0;
      const marks = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' '));
      for (const [kind] of marks.sort((x, y) => Number(x[1]) - Number(y[1]) || (x[0] === 'end' ? -1 : 1))) {
        running += kind === 'start' ? 1 : -1;
        most = Math.max(most, running);
      }
      return most;
    };
    expect(await overlap(1)).toBe(1);
    expect(await overlap(2)).toBe(2);
  }, 40_000);

  it('a timeout kills the validator and everything it started (its process group)', async () => {
    const pidFile = path.join(engine.temp.dir, 'child.pid');
    await addValidator('hang', ['sh', '-c', `sleep 30 & echo $! > ${pidFile}; wait`], 1);
    const session = await idleSession('hang');
    const report = await engine.tm.manager.reviewLoop.validation.run(session.id);
    expect(report.status).toBe('failed');
    expect(report.results[0]!.outputTail).toContain('timed out after 1 s');
    expect(report.results[0]!.durationMs).toBeLessThan(5000);
    const child = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => !existsSync(`/proc/${child}`) || readFileSync(`/proc/${child}/stat`, 'utf8').includes(') Z'), {
      what: `background child ${child} to be gone`,
    });
  }, 30_000);

  it('a new change cancels a stale run (and a run on the new content replaces it)', async () => {
    const session = await idleSession('change me');
    await addValidator('slow', ['sleep', '20']);
    const { service } = engine.tm.manager.reviewLoop.validation;
    const stale = service.run(session.id);
    await waitForEvents(engine.tm.manager, (e) => e?.name === 'validator.started' || undefined);
    writeFileSync(path.join(session.worktreePath, 'new.txt'), 'changed\n');
    // The worktree watcher's session.diff event finds content the run did not start on.
    const report = await stale;
    expect(report.status).toBe('cancelled');
    expect(report.results[0]!.durationMs).toBeLessThan(10_000);
    expect(service.get(session.id).status).toBe('cancelled');
  }, 30_000);

  it('a host closing mid-run kills the run and keeps it as cancelled', async () => {
    const pidFile = path.join(engine.temp.dir, 'slow.pid');
    const session = await idleSession('close me');
    await addValidator('slow', ['sh', '-c', `echo $$ > ${pidFile}; exec sleep 20`]);
    const running = engine.tm.manager.reviewLoop.validation.run(session.id);
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim());
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const closing = Date.now();
    await engine.reopen();
    expect(Date.now() - closing).toBeLessThan(8000);
    expect((await running).status).toBe('cancelled');
    expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z')).toBe(false);
    expect(engine.tm.manager.reviewLoop.validation.service.get(session.id).status).toBe('cancelled');
  }, 30_000);

  it('a run asked for as the host closes never starts (nothing spawned, nothing to wait for)', async () => {
    const pidFile = path.join(engine.temp.dir, 'late.pid');
    const session = await idleSession('late run');
    await addValidator('late', ['sh', '-c', `echo $$ > ${pidFile}; exec sleep 20`]);
    const { validation } = engine.tm.manager.reviewLoop;
    const asked = validation.run(session.id);
    await validation.close();
    expect((await asked).status).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(pidFile)).toBe(false);
  }, 30_000);

  it('no validators: status none and nothing runs; the gate lets the merge through', async () => {
    const session = await idleSession('nothing to check');
    const { validation } = engine.tm.manager.reviewLoop;
    expect(await validation.run(session.id)).toEqual({ status: 'none', head: null, results: [] });
    await validation.gate(session.id, false);
    expect(engine.tm.events.some((e) => e.name.startsWith('validator'))).toBe(false);
  });
});
