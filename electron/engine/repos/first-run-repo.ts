import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { resolveRepoRoot } from '../../git/repo-info.js';
import { packageRoot } from '../../package-root.js';

/**
 * The repository to offer on a first run: the one the host was started in, unless it is Flotilla's own
 * checkout (`npm run serve` in Flotilla's folder), whose worktrees an agent must not be let loose on by a
 * one-click demo. Null when there is none to offer; the dialog then offers a sample repository.
 */
export async function firstRunRepo(workingDir: string, ownRoot: string = packageRoot()): Promise<string | null> {
  const root = await resolveRepoRoot(workingDir).catch(() => null);
  if (!root || (await isFlotillaCheckout(root, ownRoot))) return null;
  return root;
}

/** This very checkout (it holds Flotilla's package), or another clone of it (same package name). */
async function isFlotillaCheckout(root: string, ownRoot: string): Promise<boolean> {
  const [repo, own] = await Promise.all([realpath(root).catch(() => root), realpath(ownRoot).catch(() => ownRoot)]);
  const relative = path.relative(repo, own);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return true;
  const [name, ownName] = await Promise.all([packageName(repo), packageName(own)]);
  return name !== null && name === ownName;
}

async function packageName(dir: string): Promise<string | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    const name = (parsed as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}
