import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { git, READ_ONLY_ENV } from './run-git.js';
import { symlinkIn, writeFileIn } from './worktree-fs.js';

/** Paths are taken literally: a file named `*.txt` or `:(top)x` is just a name. */
const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };
/** Git takes these paths as arguments: batches keep many under the OS's argument limit. */
const BATCH = 500;

/** A blob, symlink or submodule as a commit or the index holds it. */
export interface Entry {
  mode: string;
  path: string;
}

function parse(lines: string, modeEnd: string): Entry[] {
  return lines
    .split('\0')
    .filter(Boolean)
    .map((line) => ({ mode: line.slice(0, line.indexOf(modeEnd)), path: line.slice(line.indexOf('\t') + 1) }));
}

/** The entries at `file` in `commit`: the file itself, or everything in a folder. */
export async function entriesAt(worktree: string, commit: string, file: string): Promise<Entry[]> {
  const listed = await git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', file], {
    cwd: worktree,
    env: { ...READ_ONLY_ENV, ...LITERAL },
  });
  return parse(listed.stdout, ' ');
}

/** The index's entries for `files` (stage 0 and conflicted stages alike; the caller writes stage 0 only). */
export async function indexEntries(worktree: string, files: string[]): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (let i = 0; i < files.length; i += BATCH) {
    const listed = await git(['ls-files', '-s', '-z', '--', ...files.slice(i, i + BATCH)], {
      cwd: worktree,
      env: { ...READ_ONLY_ENV, ...LITERAL },
    });
    for (const line of listed.stdout.split('\0').filter(Boolean)) {
      const [mode, , stage] = line.slice(0, line.indexOf('\t')).split(' ');
      if (stage === '0') entries.push({ mode: mode ?? '', path: line.slice(line.indexOf('\t') + 1) });
    }
  }
  return entries;
}

/**
 * Writes `entries` into the worktree as `commit` (or, with null, the index) has them: git's checkout-index
 * writes them, with smudge and end-of-line filters applied, into a temporary folder of ours, and
 * worktree-fs copies them in without following a symlink. Git never writes into the worktree here: it
 * checks a path for symlinks and then writes it by name, so an agent swapping a folder in between had it
 * write outside. Submodules are skipped, as a checkout leaves their folders alone.
 */
export async function writeEntries(worktree: string, entries: Entry[], commit: string | null): Promise<void> {
  const files = entries.filter((e) => e.mode !== '160000');
  if (files.length === 0) return;
  const dir = await mkdtemp(path.join(tmpdir(), 'flotilla-restore-'));
  const env: NodeJS.ProcessEnv = commit ? { GIT_INDEX_FILE: path.join(dir, 'index') } : {};
  try {
    if (commit) await git(['read-tree', commit], { cwd: worktree, env });
    for (let i = 0; i < files.length; i += BATCH) {
      const batch = files.slice(i, i + BATCH).map((e) => e.path);
      await git(['checkout-index', '--force', `--prefix=${dir}/files/`, '--', ...batch], { cwd: worktree, env });
    }
    for (const entry of files) {
      const from = path.join(dir, 'files', entry.path);
      if (entry.mode === '120000') await symlinkIn(worktree, entry.path, await readlink(from));
      else
        await writeFileIn(worktree, entry.path, await readFile(from), {
          mode: entry.mode === '100755' ? 0o777 : 0o666,
        });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
