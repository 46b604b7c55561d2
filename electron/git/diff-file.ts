import type { FilePatch } from '../../shared/git.js';
import { DEFAULT_DIFF_LIMITS, diffOptions, type DiffLimits } from './diff-stats.js';
import { git, READ_ONLY_ENV } from './run-git.js';
import { resolveSessionBase } from './session-base.js';
import { withFilesSnapshot } from './stage-anchored.js';
import { lstatIn } from './worktree-fs.js';

async function worktreeSize(worktree: string, file: string): Promise<number | null> {
  return (await lstatIn(worktree, file))?.size ?? null;
}

async function blobSize(worktree: string, commit: string, file: string): Promise<number | null> {
  const result = await git(['cat-file', '-s', `${commit}:${file}`], {
    cwd: worktree,
    okExitCodes: [0, 128],
    env: READ_ONLY_ENV,
  });
  return result.exitCode === 0 ? Number(result.stdout.trim()) : null;
}

async function isTracked(worktree: string, file: string): Promise<boolean> {
  const result = await git(['ls-files', '-z', '--', `:(literal)${file}`], { cwd: worktree, env: READ_ONLY_ENV });
  return result.stdout.length > 0;
}

/**
 * One file's patch against the session's merge-base (a rename is diffed with its old path). Binary files,
 * files above the size limit and patches above the patch limit come back as such, with their sizes.
 */
export async function computeFilePatch(
  worktree: string,
  baseBranch: string,
  file: string,
  oldPath: string | null = null,
  limits: DiffLimits = DEFAULT_DIFF_LIMITS,
): Promise<FilePatch> {
  const { mergeBase } = await resolveSessionBase(worktree, baseBranch);
  const oldSize = await blobSize(worktree, mergeBase, oldPath ?? file);
  const newSize = await worktreeSize(worktree, file);
  const answer = (kind: FilePatch['kind'], patch = '', patchSize: number | null = null): FilePatch => ({
    path: file,
    oldPath,
    kind,
    patch,
    oldSize,
    newSize,
    patchSize,
  });
  if ((oldSize ?? 0) > limits.maxTextBytes || (newSize ?? 0) > limits.maxTextBytes) return answer('large');

  const candidates = oldPath ? [file, oldPath] : [file];
  const present: string[] = [];
  for (const p of candidates) {
    if ((await worktreeSize(worktree, p)) !== null || (await isTracked(worktree, p))) present.push(p);
  }
  if (present.length === 0 && oldSize === null) return answer('unchanged');

  // The files are read through worktree-fs, never by git itself: see stage-anchored.ts.
  // Every candidate is staged as the worktree has it, a missing one as removed (the seed is HEAD, which may hold it).
  return withFilesSnapshot(worktree, candidates, async (env) => {
    const pathspec = ['--', ...candidates.map((p) => `:(literal)${p}`)];
    const common = [...diffOptions(limits), 'diff', '--cached', '-M', '--no-ext-diff', '--no-textconv', '--no-color'];
    const numstat = await git([...common, '--numstat', '-z', mergeBase, ...pathspec], { cwd: worktree, env });
    if (numstat.stdout === '') return answer('unchanged');
    if (numstat.stdout.startsWith('-\t-\t')) return answer('binary');
    const patch = await git([...common, mergeBase, ...pathspec], { cwd: worktree, env });
    const size = Buffer.byteLength(patch.stdout);
    return size > limits.maxPatchBytes ? answer('large', '', size) : answer('text', patch.stdout);
  });
}
