import { isLfsMissing, WITHOUT_LFS_FILTER } from './lfs-missing.js';
import { git, gitFailure } from './run-git.js';

/** check-attr and hash-object take paths as arguments: batches keep many files under the OS's argument limit. */
const BATCH = 500;
/** The attributes that change what git stores for a file's bytes (convert.c). */
const CONVERSION = ['text', 'eol', 'crlf', 'filter', 'ident', 'working-tree-encoding'];

/** A copy (in a folder of ours) of the worktree file `file`, to be stored as git would store that file. */
export interface Copy {
  file: string;
  copy: string;
}

/**
 * Files whose conversion attributes are the same are stored the same way, so one `hash-object --path=<any of
 * them>` serves them all. A filter driver may use the path (%f): each such file is hashed on its own.
 */
async function groupByConversion(worktree: string, env: NodeJS.ProcessEnv, copies: Copy[]): Promise<Copy[][]> {
  const groups = new Map<string, Copy[]>();
  for (let i = 0; i < copies.length; i += BATCH) {
    const batch = copies.slice(i, i + BATCH);
    const attrs = await git(['check-attr', '-z', ...CONVERSION, '--', ...batch.map((c) => c.file)], {
      cwd: worktree,
      env,
    });
    const fields = attrs.stdout.split('\0');
    const values = new Map<string, string[]>();
    for (let f = 0; f + 2 < fields.length; f += 3) {
      const file = fields[f] ?? '';
      values.set(file, [...(values.get(file) ?? []), `${fields[f + 1]}=${fields[f + 2]}`]);
    }
    for (const copy of batch) {
      const own = values.get(copy.file) ?? [];
      const filtered = own.some((v) => v.startsWith('filter=') && v !== 'filter=unspecified' && v !== 'filter=unset');
      const key = filtered ? `path:${copy.file}` : own.join('\0');
      groups.set(key, [...(groups.get(key) ?? []), copy]);
    }
  }
  return [...groups.values()];
}

async function hashGroup(worktree: string, env: NodeJS.ProcessEnv, group: Copy[], lfsFallback: boolean) {
  const args = ['-c', 'core.safecrlf=false', 'hash-object', '-w', `--path=${group[0]?.file ?? ''}`, '--'];
  const ids: string[] = [];
  for (let i = 0; i < group.length; i += BATCH) {
    const batch = [...args, ...group.slice(i, i + BATCH).map((c) => c.copy)];
    let hashed = await git(batch, { cwd: worktree, env, okExitCodes: [0, 128] });
    if (hashed.exitCode !== 0) {
      if (!lfsFallback || !isLfsMissing(hashed.stderr)) throw gitFailure(batch, hashed.stderr);
      hashed = await git([...WITHOUT_LFS_FILTER, ...batch], { cwd: worktree, env });
    }
    ids.push(...hashed.stdout.split('\n').filter(Boolean));
  }
  return ids;
}

/**
 * Writes each copy into the object store as git would store its file (clean filter, end-of-line conversion),
 * returning file → object id. Copies of files with the same attributes share one git process. With
 * `lfsFallback`, a git-lfs that is configured but missing reads LFS files as they are (read-only snapshots).
 */
export async function hashCopies(
  worktree: string,
  env: NodeJS.ProcessEnv,
  copies: Copy[],
  lfsFallback: boolean,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const group of await groupByConversion(worktree, env, copies)) {
    const hashed = await hashGroup(worktree, env, group, lfsFallback);
    group.forEach((copy, i) => ids.set(copy.file, hashed[i] ?? ''));
  }
  return ids;
}

/** A symlink's text as git stores it: no filter applies. */
export async function hashLinks(
  worktree: string,
  env: NodeJS.ProcessEnv,
  copies: Copy[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < copies.length; i += BATCH) {
    const batch = copies.slice(i, i + BATCH);
    const hashed = await git(['hash-object', '-w', '--no-filters', '--', ...batch.map((c) => c.copy)], {
      cwd: worktree,
      env,
    });
    hashed.stdout
      .split('\n')
      .filter(Boolean)
      .forEach((id, n) => ids.set(batch[n]?.file ?? '', id));
  }
  return ids;
}
