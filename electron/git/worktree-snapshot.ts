import { copyFile, lstat, mkdtemp, readdir, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isLfsMissing, WITHOUT_LFS_FILTER } from './lfs-missing.js';
import { git, gitFailure, READ_ONLY_ENV } from './run-git.js';

/** An untracked file left out of the snapshot for its size (it would be copied into the object store). */
export interface LargeFile {
  path: string;
  size: number;
}

export interface Snapshot {
  /** Environment that points git at the temporary index holding the worktree's content. */
  env: NodeJS.ProcessEnv;
  large: LargeFile[];
}

export interface SnapshotOptions {
  /** Untracked files above this size stay out of the snapshot and are reported as large. */
  maxUntrackedBytes: number;
  /** Only these paths (relative to the worktree top level); the whole worktree when absent. */
  paths?: string[];
}

function literal(p: string): string {
  return `:(literal)${p}`;
}

/**
 * Seeds the temporary index from a copy of the worktree's own (its stat cache spares rehashing), else from
 * HEAD. The copy keeps the original's timestamp, floored to the second: git trusts an entry's stat data only
 * when the file is older than the index, so a fresh mtime on the copy would hide a same-size edit made in
 * the second the index was written ("racy git").
 */
async function seedIndex(worktree: string, file: string, env: NodeJS.ProcessEnv): Promise<void> {
  const real = path.resolve(
    worktree,
    (await git(['rev-parse', '--git-path', 'index'], { cwd: worktree, env: READ_ONLY_ENV })).stdout.trim(),
  );
  try {
    await copyFile(real, file);
    const written = Math.floor((await stat(real)).mtimeMs / 1000);
    await utimes(file, written, written);
  } catch {
    await git(['read-tree', 'HEAD'], { cwd: worktree, env });
  }
}

async function untrackedLarge(
  worktree: string,
  env: NodeJS.ProcessEnv,
  pathspec: string[],
  limit: number,
): Promise<LargeFile[]> {
  const listed = await git(['ls-files', '--others', '--exclude-standard', '-z', '--', ...pathspec], {
    cwd: worktree,
    env,
  });
  const files = listed.stdout.split('\0').filter(Boolean);
  const sizes = await Promise.all(
    files.map(async (file) => {
      try {
        const stats = await lstat(path.join(worktree, file));
        return { path: file, size: stats.isFile() ? stats.size : 0 };
      } catch {
        return { path: file, size: 0 };
      }
    }),
  );
  return sizes.filter((f) => f.size > limit);
}

/**
 * Stages the worktree's content into the temporary index. core.safecrlf guards real commits: refusing a
 * file here would fail the whole diff. A git-lfs that is configured but missing fails every LFS-tracked
 * file; then the files are read as they are (pointer text), so the diff still shows.
 */
async function stageSnapshot(worktree: string, env: NodeJS.ProcessEnv, pathspec: string[]): Promise<void> {
  const args = ['-c', 'core.safecrlf=false', 'add', '--all', '--', ...pathspec];
  const staged = await git(args, { cwd: worktree, env, okExitCodes: [0, 128] });
  if (staged.exitCode === 0) return;
  if (!isLfsMissing(staged.stderr)) throw gitFailure(args, staged.stderr);
  await git([...WITHOUT_LFS_FILTER, ...args], { cwd: worktree, env });
}

const SNAPSHOT_PREFIX = 'flotilla-index-';
/** Snapshot folders without an owner pid in their name (older builds) are stale after this long. */
const UNOWNED_STALE_MS = 24 * 60 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary index folders left by a host that died mid-diff: those whose owner process is gone
 * (or, without an owner in the name, older than a day). Returns the folders removed.
 */
export async function sweepStaleSnapshots(root = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(SNAPSHOT_PREFIX))) {
    const dir = path.join(root, name);
    const owner = /^(\d+)-/.exec(name.slice(SNAPSHOT_PREFIX.length));
    const stale = owner
      ? !alive(Number(owner[1]))
      : Date.now() - ((await lstat(dir).catch(() => undefined))?.mtimeMs ?? Date.now()) > UNOWNED_STALE_MS;
    if (!stale) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/**
 * Runs `fn` against a temporary index holding the worktree's current content (tracked changes and
 * untracked files, .gitignore respected). Neither the worktree's index nor any checkout is touched:
 * the index is a copy, and git writes only new objects to the shared object store.
 */
export async function withWorktreeSnapshot<T>(
  worktree: string,
  options: SnapshotOptions,
  fn: (snapshot: Snapshot) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), `${SNAPSHOT_PREFIX}${process.pid}-`));
  const env = { ...READ_ONLY_ENV, GIT_INDEX_FILE: path.join(dir, 'index') };
  try {
    await seedIndex(worktree, env.GIT_INDEX_FILE, env);
    const pathspec = options.paths ? options.paths.map(literal) : ['.'];
    if (pathspec.length === 0) return await fn({ env, large: [] });
    const large = await untrackedLarge(worktree, env, pathspec, options.maxUntrackedBytes);
    const excluded = large.map((f) => `:(exclude,literal)${f.path}`);
    await stageSnapshot(worktree, env, [...pathspec, ...excluded]);
    return await fn({ env, large });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The tree id of the worktree's current content (uncommitted and untracked files included), via a snapshot. */
export async function snapshotTree(worktree: string, options: SnapshotOptions): Promise<string> {
  return withWorktreeSnapshot(worktree, options, async (snapshot) =>
    (await git(['write-tree'], { cwd: worktree, env: snapshot.env })).stdout.trim(),
  );
}
