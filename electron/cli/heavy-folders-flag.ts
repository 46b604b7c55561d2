import type { HeavyFolder } from '../../shared/worktree.js';
import { UsageError, type CommandContext } from './commands.js';

/** `--heavy a,b [--heavy-mode clone|symlink]` as RepoSettings.heavyFolders (used by repo-settings). */
export function heavyFoldersFlag(ctx: CommandContext): { heavyFolders?: HeavyFolder[] } {
  const heavy = ctx.flags.heavy;
  if (heavy === undefined) return {};
  if (typeof heavy !== 'string') throw new UsageError('--heavy takes folders: --heavy node_modules,.venv');
  const mode = ctx.flags['heavy-mode'] ?? 'clone';
  if (mode !== 'clone' && mode !== 'symlink') throw new UsageError('--heavy-mode is clone or symlink');
  // --heavy '' clears them.
  const folders = heavy
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return { heavyFolders: folders.map((folder) => ({ path: folder, mode })) };
}
