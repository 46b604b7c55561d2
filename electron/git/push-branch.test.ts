import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { gitSync } from './fixtures/make-repo.js';
import { useTestSession } from './fixtures/make-session.js';
import { pushBranch, pushTarget } from './push-branch.js';

const s = useTestSession();
let remote: string;

beforeEach(async () => {
  remote = path.join(s.root, 'remote.git');
  gitSync(s.root, ['init', '--quiet', '--bare', remote]);
  s.write('a.txt', 'a\n');
  s.commitAll('Add a');
});

/** A PATH holding a fake `gh` that records its arguments and prints a PR address. */
function fakeGh(): string {
  const bin = path.join(s.root, 'bin');
  mkdirSync(bin);
  const script = path.join(bin, 'gh');
  writeFileSync(
    script,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${path.join(s.root, 'gh-args')}"\necho https://github.com/o/r/pull/7\n`,
  );
  chmodSync(script, 0o755);
  return bin;
}

const request = (pr: boolean, env: NodeJS.ProcessEnv = { PATH: '/nonexistent' }) => ({
  worktree: s.worktree,
  branch: s.branch,
  baseBranch: 'main',
  pr,
  env,
});

describe('pushBranch', () => {
  it('says what is missing when there is no remote, and pushes nothing', async () => {
    const error = await pushBranch(request(true)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PUSH_UNAVAILABLE', message: expect.stringMatching(/git remote.*gh/) });
  });

  it('refuses to push when gh is needed for the PR but missing', async () => {
    gitSync(s.dir, ['remote', 'add', 'origin', remote]);
    await expect(pushBranch(request(true))).rejects.toMatchObject({
      code: 'PUSH_UNAVAILABLE',
      message: expect.stringContaining('gh'),
    });
    expect(gitSync(remote, ['for-each-ref'])).toBe('');
  });

  it('pushes the branch without a PR when asked', async () => {
    gitSync(s.dir, ['remote', 'add', 'origin', remote]);
    const result = await pushBranch(request(false));
    expect(result).toEqual({ remote: 'origin', branch: s.branch, prUrl: null });
    expect(gitSync(remote, ['rev-parse', s.branch])).toBe(gitSync(s.worktree, ['rev-parse', 'HEAD']));
  });

  it('pushes and opens a PR with gh, returning its address', async () => {
    gitSync(s.dir, ['remote', 'add', 'upstream', remote]);
    const result = await pushBranch(request(true, { ...process.env, PATH: `${fakeGh()}:${process.env.PATH ?? ''}` }));
    expect(result).toEqual({ remote: 'upstream', branch: s.branch, prUrl: 'https://github.com/o/r/pull/7' });
    const args = readFileSync(path.join(s.root, 'gh-args'), 'utf8').split('\n');
    expect(args.slice(0, 8)).toEqual(['pr', 'create', '--head', s.branch, '--base', 'main', '--title', 'Add a']);
  });
});

describe('pushTarget', () => {
  it('names the remote a push would use and whether gh is there, pushing nothing', async () => {
    expect(await pushTarget(s.worktree, 'main', { PATH: '/nonexistent' })).toEqual({ remote: null, gh: false });
    gitSync(s.dir, ['remote', 'add', 'origin', remote]);
    expect(await pushTarget(s.worktree, 'main', { PATH: fakeGh() })).toEqual({ remote: 'origin', gh: true });
    expect(gitSync(remote, ['for-each-ref'])).toBe('');
  });
});
