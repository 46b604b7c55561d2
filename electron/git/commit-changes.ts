import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommitResult } from '../../shared/git.js';
import { FlotillaError } from '../../shared/errors.js';
import { git } from './run-git.js';
import { stageAnchored } from './stage-anchored.js';

const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };

function nothingToCommit(selected: boolean): FlotillaError {
  return new FlotillaError('INVALID_STATE', selected ? 'nothing to commit in the selected files' : 'nothing to commit');
}

/**
 * Commits only `paths`, leaving anything else the agent staged as it was. The files are read through
 * worktree-fs (stage-anchored.ts), never by git: `git add -- paths` and `git commit -- paths` open each path
 * by name after checking it, so a folder swapped for a symlink in between put a file from outside into the
 * commit. The session's index gets the files, and the commit is made from a temporary index holding HEAD
 * plus exactly those paths from it.
 */
async function commitSelected(worktree: string, message: string, paths: string[]): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'flotilla-commit-'));
  try {
    await stageAnchored(worktree, paths, { env: {}, scratch, lfsFallback: false });
    const staged = (await git(['write-tree'], { cwd: worktree })).stdout.trim();
    const env = { ...LITERAL, GIT_INDEX_FILE: path.join(scratch, 'index') };
    await git(['read-tree', 'HEAD'], { cwd: worktree, env });
    await git(['reset', '--quiet', staged, '--', ...paths], { cwd: worktree, env });
    const changed = await git(['diff', '--cached', '--quiet', 'HEAD'], { cwd: worktree, env, okExitCodes: [0, 1] });
    if (changed.exitCode === 0) throw nothingToCommit(true);
    await git(['commit', '--quiet', '--no-edit', '-m', message], { cwd: worktree, env });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Stages every change as `git add --all` would, the files read through stage-anchored: git lists the
 * changed paths (names only), worktree-fs reads them. A path that is now beyond a symlink is staged as
 * removed, as git does.
 */
async function stageAll(worktree: string): Promise<void> {
  const listed = await git(['ls-files', '-z', '--modified', '--deleted', '--others', '--exclude-standard'], {
    cwd: worktree,
  });
  const files = [...new Set(listed.stdout.split('\0').filter(Boolean))];
  const scratch = await mkdtemp(path.join(tmpdir(), 'flotilla-commit-'));
  try {
    await stageAnchored(worktree, files, { env: {}, scratch, lfsFallback: false, beyondLinkIsGone: true });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Commits the session's changes (tracked, deleted and untracked files; .gitignore respected) on its
 * branch: all of them, or only `paths`, leaving anything else the agent staged untouched.
 */
export async function commitChanges(worktree: string, message: string, paths?: string[]): Promise<CommitResult> {
  const selected = paths && paths.length > 0 ? paths : undefined;
  if (selected) await commitSelected(worktree, message, selected);
  else {
    await stageAll(worktree);
    const staged = await git(['diff', '--cached', '--quiet', 'HEAD'], { cwd: worktree, okExitCodes: [0, 1] });
    if (staged.exitCode === 0) throw nothingToCommit(false);
    await git(['commit', '--quiet', '--no-edit', '-m', message], { cwd: worktree, env: LITERAL });
  }
  const head = await git(['rev-parse', 'HEAD'], { cwd: worktree });
  const changed = await git(['diff-tree', '--no-commit-id', '--name-only', '-r', '-z', '--root', 'HEAD'], {
    cwd: worktree,
  });
  return { commit: head.stdout.trim(), files: changed.stdout.split('\0').filter(Boolean).length };
}
