import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitChanges } from './commit-changes.js';
import { useTestSession } from './fixtures/make-session.js';
import { gitFailure, MAX_GIT_MESSAGE } from './git-failure.js';

describe('gitFailure', () => {
  it('keeps every line of git message with its line breaks', () => {
    const stderr = 'error: one\nhint: two\nhint: three\nhint: four\nhint: five\nhint: six\nfatal: seven\n';
    const error = gitFailure(['-c', 'x=y', 'merge'], stderr);
    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toBe(`git merge failed: ${stderr.trim()}`);
  });

  it('bounds a huge message and says how much was left out', () => {
    const error = gitFailure(['status'], 'x'.repeat(MAX_GIT_MESSAGE + 500));
    expect(error.message.length).toBeLessThan(MAX_GIT_MESSAGE + 100);
    expect(error.message).toContain('(500 more characters not shown)');
  });
});

describe('a commit without an identity', () => {
  const s = useTestSession();
  afterEach(async () => {
    vi.unstubAllEnvs();
  });

  it("says how to set it, then gives git's whole message, instructions included", async () => {
    s.write('a.txt', 'a\n');
    vi.stubEnv('GIT_CONFIG_GLOBAL', '/dev/null');
    vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
    vi.stubEnv('EMAIL', '');
    const error = (await commitChanges(s.worktree, 'work').catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'GIT_FAILED' });
    const [first, ...rest] = error.message.split('\n');
    expect(first).toMatch(/^git commit failed: git does not know who you are: set it for this repository with/);
    expect(first).toContain('git config user.email "you@example.com"');
    expect(first).toContain(s.worktree);
    // git's own instructions, which the old five-line cut left out, on lines of their own.
    expect(rest.join('\n')).toContain('*** Please tell me who you are.');
    expect(rest.join('\n')).toMatch(/\n\s+git config --global user\.name "Your Name"/);
  });
});
