import { describe, expect, it } from 'vitest';
import { useCliHost } from '../test-support/cli-fixture.js';
import { flotillaOk, runFlotilla, type CliRun } from '../test-support/cli-host.js';

// flotilla validators add / ls / rm, validate, and show --json's validation, through the real CLI and host.

const cli = useCliHost();
const flotilla = (...args: string[]): Promise<CliRun> => runFlotilla(args, cli.env());
const ok = (...args: string[]): Promise<string> => flotillaOk(args, cli.env());

/** Fails when a visible file at the worktree's top holds "BUG". */
const CHECK =
  "const fs=require('fs');const bad=fs.readdirSync('.').filter(f=>!f.startsWith('.')&&fs.statSync(f).isFile()&&fs.readFileSync(f,'utf8').includes('BUG'));" +
  "if(bad.length){console.error('BUG found in '+bad.join(', '));process.exit(1)}console.log('clean')";

/** An auto-yes demo session given `prompt` (it writes a file holding the prompt), once idle: its id. */
async function idleWith(prompt: string): Promise<string> {
  const made = await ok('new', '--repo', cli.temp.repo, '--prompt', prompt, '--auto-yes', '--json');
  const [session] = JSON.parse(made) as { id: string }[];
  cli.seen.add(session!.id);
  await ok('wait', session!.id, '--status', 'idle', '--timeout', '20');
  return session!.id;
}

describe('flotilla validators / validate', () => {
  it('adds (argv after --, kept as given), lists, replaces and removes validators', { timeout: 60_000 }, async () => {
    const repo = cli.temp.repo;
    expect(await ok('validators', 'ls', '--repo', repo)).toBe('no validators\n');
    expect(await ok('validators', 'add', '--repo', repo, '--name', 'lint', '--', 'node', '--check', 'a b.js')).toBe(
      'validator lint: node --check a b.js (timeout 600 s); 1 in all\n',
    );
    await ok('validators', 'add', '--repo', repo, '--name', 'test', '--timeout', '30', '--', 'npm', 'test');
    await ok('validators', 'add', '--repo', repo, '--name', 'lint', '--timeout', '5', '--', 'true');
    expect(JSON.parse(await ok('validators', 'ls', '--repo', repo, '--json'))).toEqual([
      { name: 'lint', argv: ['true'], timeoutSec: 5 },
      { name: 'test', argv: ['npm', 'test'], timeoutSec: 30 },
    ]);
    expect(await ok('validators', 'ls', '--repo', repo)).toMatch(
      /^NAME +TIMEOUT +COMMAND\nlint +5s +\["true"\]\ntest +30s/,
    );
    expect(await ok('validators', 'rm', '--repo', repo, '--name', 'lint')).toBe('removed lint; 1 left\n');
    const missing = await flotilla('validators', 'rm', '--repo', repo, '--name', 'lint');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');
    const noArgv = await flotilla('validators', 'add', '--repo', repo, '--name', 'x');
    expect(noArgv.code).toBe(2);
  });

  it(
    'validate prints each result and exits 1 on a failure; show --json carries the validation',
    { timeout: 90_000 },
    async () => {
      await ok('validators', 'add', '--repo', cli.temp.repo, '--name', 'check', '--', 'node', '-e', CHECK);
      const id = await idleWith('add a BUG');
      const failed = await flotilla('validate', id, '--wait', '30');
      expect(failed.code).toBe(1);
      expect(failed.stdout, failed.stderr).toMatch(
        /^failed +check in \d+\.\d s \(exit 1\)\n +BUG found in add-a-bug\.txt\n$/,
      );
      const shown = JSON.parse(await ok('show', id, '--json')) as { validation: unknown };
      expect(shown.validation).toEqual({
        status: 'failed',
        head: expect.stringMatching(/^[0-9a-f]{40}:[0-9a-f]{40}$/),
        results: [{ name: 'check', status: 'failed', durationMs: expect.any(Number), exitCode: 1 }],
      });
      const merge = await flotilla('merge', id);
      expect(merge.code).toBe(1);
      expect(merge.stderr).toContain('VALIDATION_REQUIRED: merge refused: validator check failed');
      await ok('rm', id, '--force');
      const clean = await idleWith('all good');
      expect(await ok('validate', clean)).toMatch(/^passed +check in \d+\.\d s \(exit 0\)\n$/);
    },
  );
});
