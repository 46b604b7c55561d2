import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConflictForecast } from '../../shared/conflicts.js';
import { commitFile } from '../git/fixtures/make-repo.js';
import { flotillaOk } from '../test-support/cli-host.js';
import { useCliHost } from '../test-support/cli-fixture.js';

// `flotilla conflicts` against a real host: two sessions editing the same line, a third elsewhere.

const cli = useCliHost();
const ok = (...args: string[]) => flotillaOk(args, cli.env());

describe('flotilla conflicts', () => {
  it('lists each conflicting pair with its files, as text and JSON, and exits 0', async () => {
    expect(await ok('conflicts')).toBe('no conflicts forecast\n');
    const alpha = await cli.waitingSession('alpha');
    const beta = await cli.waitingSession('beta');
    const gamma = await cli.waitingSession('gamma');
    commitFile(alpha.worktreePath, 'README.md', '# temp repo\nalpha\n', 'alpha');
    writeFileSync(path.join(beta.worktreePath, 'README.md'), '# temp repo\nbeta\n');
    writeFileSync(path.join(gamma.worktreePath, 'other.txt'), 'gamma\n');

    const text = await ok('conflicts', '--repo', cli.temp.repo);
    expect(text).toBe(`alpha (${alpha.id.slice(0, 8)}) ↔ beta (${beta.id.slice(0, 8)})\t1 file: README.md\n`);

    commitFile(cli.temp.repo, 'README.md', '# temp repo\nmain\n', 'main moves');
    const forecast = JSON.parse(await ok('conflicts', '--json')) as ConflictForecast;
    expect(forecast.pairs.map((p) => [p.a, p.b, p.files])).toEqual([
      [alpha.id, null, ['README.md']],
      [beta.id, null, ['README.md']],
      [alpha.id, beta.id, ['README.md']],
    ]);
    expect(await ok('conflicts', '--repo', path.join(cli.temp.repo, 'nowhere'))).toBe('no conflicts forecast\n');
  });
});
