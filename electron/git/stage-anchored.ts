import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isLfsMissing, WITHOUT_LFS_FILTER } from './lfs-missing.js';
import { git, gitFailure, READ_ONLY_ENV } from './run-git.js';
import { lstatIn, readFileIn, readlinkIn } from './worktree-fs.js';

export interface StageOptions {
  /** Environment for git: GIT_INDEX_FILE names the index to update (absent: the worktree's own). */
  env: NodeJS.ProcessEnv;
  /** A folder of ours for the copies git hashes. */
  scratch: string;
  /** Read-only snapshots may read LFS-tracked files as pointer text when git-lfs is missing; commits may not. */
  lfsFallback: boolean;
}

async function fileModeMatters(worktree: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const found = await git(['config', '--bool', '--get', 'core.filemode'], { cwd: worktree, env, okExitCodes: [0, 1] });
  return found.stdout.trim() !== 'false';
}

async function indexMode(worktree: string, env: NodeJS.ProcessEnv, file: string): Promise<string | null> {
  const listed = await git(['ls-files', '-s', '-z', '--', `:(literal)${file}`], { cwd: worktree, env });
  const first = listed.stdout.split('\0')[0] ?? '';
  return first === '' ? null : first.slice(0, first.indexOf(' '));
}

/** Writes `content` into the object store as git would store `file` (its clean/eol filters), returning the id. */
async function hashAs(worktree: string, env: NodeJS.ProcessEnv, copy: string, file: string, lfsFallback: boolean) {
  const args = ['-c', 'core.safecrlf=false', 'hash-object', '-w', `--path=${file}`, '--', copy];
  const hashed = await git(args, { cwd: worktree, env, okExitCodes: [0, 128] });
  if (hashed.exitCode === 0) return hashed.stdout.trim();
  if (!lfsFallback || !isLfsMissing(hashed.stderr)) throw gitFailure(args, hashed.stderr);
  return (await git([...WITHOUT_LFS_FILTER, ...args], { cwd: worktree, env })).stdout.trim();
}

/**
 * Stages `files` of the worktree as `git add --all -- files` would, but reading each one through worktree-fs
 * (never following a symlink on the way): git's own add checks a path for symlinks and then opens it by
 * name, so an agent swapping a folder in between had it read a file outside the worktree into the diff
 * or a commit. A file is copied into `scratch` and hashed from there; a symlink's text likewise. A folder
 * (a submodule) is left to git add: git reads only its HEAD commit id.
 */
export async function stageAnchored(worktree: string, files: string[], options: StageOptions): Promise<void> {
  const { env, scratch } = options;
  const modeMatters = await fileModeMatters(worktree, env);
  for (const [i, file] of files.entries()) {
    const stats = await lstatIn(worktree, file);
    const copy = path.join(scratch, `blob-${i}`);
    let cacheinfo: string | null = null;
    if (stats?.isFile()) {
      const read = await readFileIn(worktree, file);
      if (read) {
        await writeFile(copy, read.content);
        const executable = modeMatters
          ? (read.stats.mode & 0o111) !== 0
          : (await indexMode(worktree, env, file)) === '100755';
        const id = await hashAs(worktree, env, copy, file, options.lfsFallback);
        cacheinfo = `${executable ? '100755' : '100644'},${id},${file}`;
      }
    } else if (stats?.isSymbolicLink()) {
      const target = await readlinkIn(worktree, file);
      if (target !== null) {
        await writeFile(copy, target);
        const id = (await git(['hash-object', '-w', '--no-filters', '--', copy], { cwd: worktree, env })).stdout.trim();
        cacheinfo = `120000,${id},${file}`;
      }
    } else if (stats?.isDirectory()) {
      await git(['add', '--all', '--', `:(literal)${file}`], { cwd: worktree, env });
      continue;
    }
    // Gone (or a FIFO, socket…, which git does not store either): out of the index.
    const update = cacheinfo ? ['--add', '--replace', '--cacheinfo', cacheinfo] : ['--force-remove', '--', file];
    await git(['update-index', ...update], { cwd: worktree, env });
  }
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
