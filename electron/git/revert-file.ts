import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireLfsFor } from './lfs-filter.js';
import { git, READ_ONLY_ENV } from './run-git.js';
import { resolveSessionBase } from './session-base.js';
import { removeIn, symlinkIn, writeFileIn } from './worktree-fs.js';

/** Paths are taken literally: a file named `*.txt` or `:(top)x` is just a name. */
const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };
/** checkout-index takes names as arguments: batches keep a big folder under the OS's argument limit. */
const BATCH = 500;

interface TreeEntry {
  mode: string;
  path: string;
}

/** The blobs, symlinks and submodules at `file` in `commit`: the file itself, or everything in a folder. */
async function entriesAt(worktree: string, commit: string, file: string): Promise<TreeEntry[]> {
  const listed = await git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', file], {
    cwd: worktree,
    env: { ...READ_ONLY_ENV, ...LITERAL },
  });
  return listed.stdout
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      return { mode: line.slice(0, line.indexOf(' ')), path: line.slice(tab + 1) };
    });
}

/**
 * Writes the entries as `commit` has them (smudge and end-of-line filters applied, as a checkout would) into
 * a temporary folder of ours, and hands it to `fn`. Git never writes into the worktree here: it would follow
 * a folder the agent swapped for a symlink between its check and its write.
 */
async function withCheckedOut<T>(
  worktree: string,
  commit: string,
  entries: TreeEntry[],
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'flotilla-revert-'));
  const env = { GIT_INDEX_FILE: path.join(dir, 'index') };
  try {
    await git(['read-tree', commit], { cwd: worktree, env });
    const files = entries.filter((e) => e.mode !== '160000').map((e) => e.path);
    for (let i = 0; i < files.length; i += BATCH)
      await git(['checkout-index', '--force', `--prefix=${dir}/files/`, '--', ...files.slice(i, i + BATCH)], {
        cwd: worktree,
        env,
      });
    return await fn(path.join(dir, 'files'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Makes `file` in the worktree what it is in `commit` through worktree-fs (anchored, never following a
 * symlink), then updates the index to match: `git reset` only touches the index.
 */
async function restorePath(worktree: string, mergeBase: string, file: string): Promise<void> {
  const entries = await entriesAt(worktree, mergeBase, file);
  const single = entries.length === 1 && entries[0]?.path === file ? entries[0] : null;
  if (single?.mode === '160000') {
    // A submodule: as with git checkout, only its recorded commit changes, not its folder.
  } else if (entries.length === 0) {
    // Not in the base: the session added it, so reverting removes it (a folder with its content).
    await removeIn(worktree, file);
  } else {
    await withCheckedOut(worktree, mergeBase, entries, async (dir) => {
      // A folder in the base replaces whatever is there now, with exactly its files.
      if (!single) await removeIn(worktree, file);
      for (const entry of entries) {
        const from = path.join(dir, entry.path);
        if (entry.mode === '160000') continue;
        if (entry.mode === '120000') await symlinkIn(worktree, entry.path, await readlink(from));
        else
          await writeFileIn(worktree, entry.path, await readFile(from), {
            mode: entry.mode === '100755' ? 0o777 : 0o666,
          });
      }
    });
  }
  // The index as in the base for this path (an entry the base lacks goes from the index too).
  await git(['reset', '--quiet', mergeBase, '--', file], { cwd: worktree, env: LITERAL });
}

/**
 * Makes one file in the session's worktree what it is at the merge-base with the base branch, in the
 * worktree and the session's index, so it drops out of the session's diff. A renamed file is reverted
 * with its old path (the old file comes back, the new one goes).
 */
export async function revertFile(
  worktree: string,
  baseBranch: string,
  file: string,
  oldPath: string | null = null,
): Promise<void> {
  const { mergeBase } = await resolveSessionBase(worktree, baseBranch);
  const paths = oldPath ? [file, oldPath] : [file];
  await requireLfsFor(worktree, paths, 'revert');
  for (const p of paths) await restorePath(worktree, mergeBase, p);
}
