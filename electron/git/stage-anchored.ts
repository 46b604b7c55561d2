import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';
import { hashCopies, hashLinks, type Copy } from './hash-copies.js';
import { git, READ_ONLY_ENV } from './run-git.js';
import { copyEntryOut, lstatIn } from './worktree-fs.js';

export interface StageOptions {
  /** Environment for git: GIT_INDEX_FILE names the index to update (absent: the worktree's own). */
  env: NodeJS.ProcessEnv;
  /** A folder of ours for the copies git hashes. */
  scratch: string;
  /** Read-only snapshots may read LFS-tracked files as pointer text when git-lfs is missing; commits may not. */
  lfsFallback: boolean;
  /** A path whose folder is now a symlink (or a file) is staged as removed, as git does; else refused. */
  beyondLinkIsGone?: boolean;
}

/** update-index takes paths as arguments: batches keep many files under the OS's argument limit. */
const BATCH = 500;

/** Copies run a few at a time: each is a handful of small fs calls, which the thread pool overlaps. */
const COPIES_AT_ONCE = 8;

async function inParallel<T, R>(items: T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(COPIES_AT_ONCE, items.length) }, worker));
  return results;
}

/** Whether the exec bit counts (core.fileMode); where it does not, a file keeps the mode its index entry has. */
async function modeOf(worktree: string, env: NodeJS.ProcessEnv): Promise<(file: string, mode: number) => string> {
  const found = await git(['config', '--bool', '--get', 'core.filemode'], { cwd: worktree, env, okExitCodes: [0, 1] });
  if (found.stdout.trim() !== 'false') return (_file, mode) => ((mode & 0o111) !== 0 ? '100755' : '100644');
  const listed = await git(['ls-files', '-s', '-z'], { cwd: worktree, env });
  const executable = new Set(
    listed.stdout
      .split('\0')
      .filter((line) => line.startsWith('100755 '))
      .map((line) => line.slice(line.indexOf('\t') + 1)),
  );
  return (file) => (executable.has(file) ? '100755' : '100644');
}

/** `file` copied out (see copyEntryOut), or null when it is gone (or, with `beyondLinkIsGone`, beyond a symlink). */
async function copyOut(worktree: string, file: string, dest: string, beyondLinkIsGone: boolean) {
  try {
    return await copyEntryOut(worktree, file, dest);
  } catch (error) {
    if (beyondLinkIsGone && error instanceof FlotillaError && error.code === 'INVALID_PATH') return null;
    throw error;
  }
}

/** A repository of its own (a submodule or nested clone): git add reads only its HEAD commit id there. */
async function holdsRepository(worktree: string, folder: string): Promise<boolean> {
  return (await lstatIn(worktree, `${folder}/.git`).catch(() => null)) !== null;
}

/**
 * Stages `files` of the worktree as `git add --all -- files` would, but reading each one through worktree-fs
 * (never following a symlink on the way): git's own add checks a path for symlinks and then opens it by
 * name, so an agent swapping a folder in between had it read a file outside the worktree into the diff
 * or a commit. Files are copied into `scratch` and hashed from there (hash-copies.ts); a symlink's text
 * likewise. A folder (a submodule) is left to git add: git reads only its HEAD commit id.
 */
export async function stageAnchored(worktree: string, files: string[], options: StageOptions): Promise<void> {
  const { env, scratch } = options;
  const modeFor = await modeOf(worktree, env);
  const regular: Copy[] = [];
  const links: Copy[] = [];
  const modes = new Map<string, string>();
  const removed: string[] = [];
  const copied = await inParallel(files, (file, i) =>
    copyOut(worktree, file, path.join(scratch, `copy-${i}`), options.beyondLinkIsGone ?? false),
  );
  for (const [i, file] of files.entries()) {
    const copy = path.join(scratch, `copy-${i}`);
    const entry = copied[i];
    if (entry?.kind === 'file') {
      regular.push({ file, copy });
      modes.set(file, modeFor(file, entry.stats.mode));
    } else if (entry?.kind === 'symlink') {
      links.push({ file, copy });
      modes.set(file, '120000');
    } else if (entry?.kind === 'folder' && (await holdsRepository(worktree, file))) {
      await git(['add', '--all', '--', `:(literal)${file}`], { cwd: worktree, env });
    } else {
      // Gone (or a FIFO, socket…, which git does not store either): out of the index. So is a plain folder
      // where git listed a file: a type change under way, or an agent swapping a symlink in and out, which
      // git add, walking it by name, could follow (CI: a commit took a file from outside); the folder's own
      // files are listed, and staged, one by one.
      removed.push(file);
    }
  }
  const ids = new Map([
    ...(await hashCopies(worktree, env, regular, options.lfsFallback)),
    ...(await hashLinks(worktree, env, links)),
  ]);
  // Every path leaves the index first (all its stages: a conflicted file is resolved, as git add does).
  const replaced = [...removed, ...ids.keys()];
  for (let i = 0; i < replaced.length; i += BATCH)
    await git(['update-index', '--force-remove', '--', ...replaced.slice(i, i + BATCH)], { cwd: worktree, env });
  const infos = [...ids].flatMap(([file, id]) => ['--cacheinfo', `${modes.get(file)},${id},${file}`]);
  for (let i = 0; i < infos.length; i += 2 * BATCH)
    await git(['update-index', '--add', '--replace', ...infos.slice(i, i + 2 * BATCH)], { cwd: worktree, env });
}

/**
 * Runs `fn` against a temporary index holding HEAD plus the worktree's current content of `files`, staged
 * by stageAnchored. The worktree's own index is not touched. The folder's name is the one
 * worktree-snapshot's sweep knows, so a host that dies half way leaves nothing for long.
 */
export async function withFilesSnapshot<T>(
  worktree: string,
  files: string[],
  fn: (env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), `flotilla-index-${process.pid}-`));
  const env = { ...READ_ONLY_ENV, GIT_INDEX_FILE: path.join(dir, 'index') };
  try {
    await git(['read-tree', 'HEAD'], { cwd: worktree, env });
    await stageAnchored(worktree, files, { env, scratch: dir, lfsFallback: true });
    return await fn(env);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
