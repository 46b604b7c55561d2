import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitSync, useTempRepo } from '../test-support/temp-repo.js';
import { createSampleRepo } from './sample-repo.js';

describe('createSampleRepo', () => {
  const temp = useTempRepo();

  it('makes <dataDir>/sample-repo: a repository on main with its files in one commit; later calls return it as it is', async () => {
    const made = await createSampleRepo(temp.dataDir);
    expect(made).toBe(path.join(temp.dataDir, 'sample-repo'));
    expect(gitSync(made, ['rev-parse', '--show-toplevel'])).toBe(made);
    expect(gitSync(made, ['symbolic-ref', '--short', 'HEAD'])).toBe('main');
    expect(gitSync(made, ['rev-list', '--count', 'HEAD'])).toBe('1');
    expect(gitSync(made, ['status', '--porcelain'])).toBe('');
    expect(gitSync(made, ['ls-files']).split('\n')).toEqual(expect.arrayContaining(['README.md', 'src/greet.js']));
    const head = gitSync(made, ['rev-parse', 'HEAD']);

    // An agent's change in it (or the user's) is kept: the second call makes nothing anew.
    writeFileSync(path.join(made, 'NOTES.md'), 'mine\n');
    expect(await createSampleRepo(temp.dataDir)).toBe(made);
    expect(gitSync(made, ['rev-parse', 'HEAD'])).toBe(head);
    expect(readFileSync(path.join(made, 'NOTES.md'), 'utf8')).toBe('mine\n');
    // Nothing left aside from building it.
    expect(readdirSync(temp.dataDir)).toEqual(['sample-repo']);
  });

  it('two calls at once make one repository', async () => {
    const [a, b] = await Promise.all([createSampleRepo(temp.dataDir), createSampleRepo(temp.dataDir)]);
    expect(a).toBe(b);
    expect(gitSync(a ?? '', ['rev-list', '--count', 'HEAD'])).toBe('1');
    expect(readdirSync(temp.dataDir)).toEqual(['sample-repo']);
  });

  it('refuses, saying so, when a folder of that name is there and is not a repository', async () => {
    mkdirSync(path.join(temp.dataDir, 'sample-repo'), { recursive: true });
    writeFileSync(path.join(temp.dataDir, 'sample-repo', 'keep.txt'), 'x');
    await expect(createSampleRepo(temp.dataDir)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(readdirSync(path.join(temp.dataDir, 'sample-repo'))).toEqual(['keep.txt']);
  });
});
