import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';

function invalid(p: string, why: string): FlotillaError {
  return new FlotillaError('INVALID_PATH', `"${p}" ${why}`);
}

/** The nearest existing ancestor of `full`, resolved through symlinks (a deleted file's folder may be gone too). */
async function realAncestor(full: string, stop: string): Promise<string> {
  let dir = full;
  for (;;) {
    try {
      return await realpath(dir);
    } catch {
      if (dir === stop) throw new Error(`${stop} does not exist`);
      dir = path.dirname(dir);
    }
  }
}

/**
 * A path from a client, checked to name something inside the worktree: relative, no `..`, not in `.git`,
 * and no symlinked folder on the way that leads outside. Returns it in git's form (forward slashes,
 * no `./`). The last component may itself be a symlink: git diffs a link's target text, never follows it.
 *
 * This check is for a clear early error only: the agent can swap a folder for a symlink right after it.
 * What keeps every read, write and removal inside is worktree-fs.ts, which the git modules act through.
 */
export async function confineToWorktree(worktree: string, requested: string): Promise<string> {
  if (requested.includes('\0')) throw invalid(requested, 'contains a NUL byte');
  if (path.isAbsolute(requested) || /^[A-Za-z]:/.test(requested))
    throw invalid(requested, 'is absolute; paths are relative to the worktree');
  const parts = requested.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0) throw invalid(requested, 'names no file');
  if (parts.includes('..')) throw invalid(requested, 'leaves the worktree ("..")');
  if (parts[0] === '.git') throw invalid(requested, 'is inside .git');
  const relative = parts.join('/');
  const root = await realpath(worktree);
  const parent = path.join(root, ...parts.slice(0, -1));
  const real = await realAncestor(parent, root);
  if (real !== root && !real.startsWith(root + path.sep))
    throw invalid(requested, 'leads outside the worktree through a symlink');
  return relative;
}
