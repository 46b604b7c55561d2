import { lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionPorts } from '../../shared/worktree-costs.js';
import { commitFile } from '../git/fixtures/make-repo.js';
import { flotillaOk, runFlotilla } from '../test-support/cli-host.js';
import { useCliHost } from '../test-support/cli-fixture.js';

// `flotilla ports`, `repo-settings --heavy`, `du --repo` and `worktrees --remove-merged` against a real host.

const cli = useCliHost();
const ok = (...args: string[]) => flotillaOk(args, cli.env());

describe('worktree cost commands', () => {
  it('sets heavy folders, shows a session ports, and totals a repository', async () => {
    mkdirSync(path.join(cli.temp.repo, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(path.join(cli.temp.repo, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
    const shown = await ok(
      'repo-settings',
      '--repo',
      cli.temp.repo,
      '--heavy',
      'node_modules',
      '--heavy-mode',
      'symlink',
    );
    expect(shown).toContain('  heavy folders: node_modules (symlink)');
    const bad = await runFlotilla(
      ['repo-settings', '--repo', cli.temp.repo, '--heavy', 'x', '--heavy-mode', 'hard'],
      cli.env(),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--heavy-mode is clone or symlink');

    const session = await cli.waitingSession('server');
    expect(lstatSync(path.join(session.worktreePath, 'node_modules')).isSymbolicLink()).toBe(true);
    const history = await ok('show', session.id, '--json');
    expect(history).toContain('heavy folder node_modules linked in');

    const ports = JSON.parse(await ok('ports', session.id, '--json')) as SessionPorts;
    expect(ports.size).toBe(10);
    expect(ports.env.FLOTILLA_PORT).toBe(String(ports.firstPort));
    expect(await ok('ports', 'server')).toBe(
      [
        `ports ${ports.firstPort}-${ports.firstPort + 9}`,
        ...Object.entries(ports.env).map(([k, v]) => `  ${k}=${v}`),
      ].join('\n') + '\n',
    );

    const total = await ok('du', '--repo', cli.temp.repo);
    expect(total).toMatch(new RegExp(`^\\S+ \\S+\\t1 session\\t${cli.temp.repo}\\n$`));
    expect(await ok('du', session.id)).toContain(session.worktreePath);
  });

  it('removes merged sessions worktrees only with --yes, and keeps an unmerged one', async () => {
    const landed = await cli.waitingSession('landed');
    const pending = await cli.waitingSession('pending');
    commitFile(landed.worktreePath, 'landed.txt', 'landed\n', 'landed');
    commitFile(pending.worktreePath, 'pending.txt', 'pending\n', 'pending');
    await ok('kill', landed.id, pending.id);
    await ok('merge', landed.id, '--override');

    const listed = await ok('worktrees', '--remove-merged', '--repo', cli.temp.repo);
    expect(listed).toMatch(
      new RegExp(
        `^${landed.id.slice(0, 8)}  landed\\t.+\\tflotilla/\\S+ → main\\n1 worktree, .+\\nrun again with --yes to remove them\\n$`,
      ),
    );
    expect(lstatSync(landed.worktreePath).isDirectory()).toBe(true);

    const removed = await ok('worktrees', '--remove-merged', '--yes');
    expect(removed).toMatch(/^removed landed \(.+\)\nfreed .+\n$/);
    expect(() => lstatSync(landed.worktreePath)).toThrow();
    expect(lstatSync(pending.worktreePath).isDirectory()).toBe(true);
    expect(await ok('worktrees', '--merged')).toBe('no merged sessions with a worktree to remove\n');
  });
});
