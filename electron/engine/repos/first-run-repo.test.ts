import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../package-root.js';
import { createTempRepo, type TempRepo } from '../../test-support/temp-repo.js';
import { firstRunRepo } from './first-run-repo.js';

describe('firstRunRepo', () => {
  let temp: TempRepo | undefined;
  afterEach(() => temp?.cleanup());

  it('offers the repository the host was started in, from any folder inside it', async () => {
    temp = createTempRepo('app');
    mkdirSync(path.join(temp.repo, 'src'));
    expect(await firstRunRepo(temp.repo)).toBe(temp.repo);
    expect(await firstRunRepo(path.join(temp.repo, 'src'))).toBe(temp.repo);
  });

  it("never offers Flotilla's own checkout (from its root or a folder in it), nor another clone of Flotilla", async () => {
    expect(await firstRunRepo(packageRoot())).toBeNull();
    expect(await firstRunRepo(path.join(packageRoot(), 'renderer'))).toBeNull();
    temp = createTempRepo('flotilla-clone');
    writeFileSync(path.join(temp.repo, 'package.json'), JSON.stringify({ name: 'flotilla', version: '0.0.0' }));
    expect(await firstRunRepo(temp.repo)).toBeNull();
  });

  it('offers nothing outside a repository', async () => {
    temp = createTempRepo();
    mkdirSync(temp.dataDir);
    expect(await firstRunRepo(temp.dataDir)).toBeNull();
    expect(await firstRunRepo(path.join(temp.dir, 'missing'))).toBeNull();
  });
});
