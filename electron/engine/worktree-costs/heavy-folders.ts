import { execFile } from 'node:child_process';
import { lstat, mkdir, statfs, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { FlotillaError } from '../../../shared/errors.js';
import type { HeavyFolder } from '../../../shared/worktree.js';
import { diskUsage } from '../worktrees/disk-usage.js';
import { ignoreLink } from './ignore-link.js';

const run = promisify(execFile);

/** What bringing one heavy folder into a worktree cost and saved. */
export interface HeavyFolderOutcome {
  path: string;
  mode: HeavyFolder['mode'];
  /** Wall time of the copy or link. */
  ms: number;
  /** Allocated size of the repository's folder (what a plain copy would take). */
  bytes: number;
  /** Space not taken thanks to shared blocks (clone) or the link (symlink: all of it). */
  savedBytes: number;
  /** Symlink: what was done so git ignores the link, or why it does not (null: it already did). */
  ignore?: string | null;
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

async function freeBytes(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return fs.bavail * fs.bsize;
}

/** Safe relative parts of a configured folder, or null for '..', '.git' or an empty path. */
function safeParts(folder: string): string[] | null {
  const parts = folder.split('/').filter((p) => p !== '' && p !== '.');
  return parts.length === 0 || parts.includes('..') || parts[0] === '.git' ? null : parts;
}

/**
 * Clone: `cp --reflink=auto -a` (argv, no shell) shares the blocks on btrfs/XFS and copies them elsewhere.
 * du cannot tell shared blocks from copied ones (st_blocks counts shared extents in full), so what it saved
 * is the folder's size minus what the filesystem's free space fell by meanwhile (other writers add noise).
 */
async function clone(from: string, to: string, bytes: number): Promise<number> {
  const before = await freeBytes(path.dirname(to));
  await run('cp', ['--reflink=auto', '-a', '--', from, to], { maxBuffer: 1024 * 1024 }).catch((error: unknown) => {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new FlotillaError('SETUP_FAILED', `heavy folder: could not copy ${from}: ${stderr || String(error)}`);
  });
  const used = Math.max(0, before - (await freeBytes(path.dirname(to))));
  return Math.max(0, bytes - used);
}

/**
 * Brings a repository's heavy folders into a new worktree. A folder missing from the repository, or already in
 * the worktree (tracked there), is reported in `skipped`; only a failing copy throws.
 */
export async function bringHeavyFolders(
  repoPath: string,
  worktreePath: string,
  folders: readonly HeavyFolder[],
): Promise<{ done: HeavyFolderOutcome[]; skipped: string[] }> {
  const done: HeavyFolderOutcome[] = [];
  const skipped: string[] = [];
  for (const folder of folders) {
    const parts = safeParts(folder.path);
    if (!parts) continue;
    const from = path.join(repoPath, ...parts);
    const to = path.join(worktreePath, ...parts);
    if (!(await exists(from))) {
      skipped.push(`${folder.path} (not in the repository)`);
      continue;
    }
    if (await exists(to)) {
      skipped.push(`${folder.path} (already in the worktree)`);
      continue;
    }
    await mkdir(path.dirname(to), { recursive: true });
    const { bytes } = await diskUsage(from);
    const started = performance.now();
    let savedBytes = bytes;
    let ignore: string | null = null;
    if (folder.mode === 'symlink') {
      await symlink(from, to);
      ignore = await ignoreLink(repoPath, worktreePath, parts.join('/'));
    } else savedBytes = await clone(from, to, bytes);
    const ms = Math.round(performance.now() - started);
    done.push({ path: folder.path, mode: folder.mode, ms, bytes, savedBytes, ...(ignore ? { ignore } : {}) });
  }
  return { done, skipped };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One line of the session's history per folder. */
export function describeHeavyFolder(outcome: HeavyFolderOutcome): string {
  const how = outcome.mode === 'symlink' ? 'linked' : 'cloned';
  const line = `heavy folder ${outcome.path} ${how} in ${outcome.ms} ms: ${mb(outcome.bytes)}, ${mb(outcome.savedBytes)} saved on disk`;
  return outcome.ignore ? `${line}; ${outcome.ignore}` : line;
}
