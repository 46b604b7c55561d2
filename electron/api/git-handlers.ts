import { existsSync } from 'node:fs';
import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';
import type { gitMethods } from '../../shared/git-methods.js';
import { resolveRepoRoot } from '../git/repo-info.js';
import { diskUsage } from '../engine/worktrees/disk-usage.js';
import { parseCommand } from '../engine/worktrees/setup-command.js';
import type { SessionManager } from '../engine/session-manager.js';
import { removeOrphanWorktree } from '../engine/worktrees/remove-orphan-worktree.js';
import { worktreeReport, worktreeRoots } from '../engine/worktrees/worktree-report.js';
import type { Handlers } from './dispatch.js';

/** Handlers of the review and merge-back methods (shared/git-methods.ts). */
export function gitHandlers(manager: SessionManager): Pick<Handlers, keyof typeof gitMethods> {
  const git = manager.git;
  const roots = () => worktreeRoots(manager.dataDir, manager.settings().worktreeRoot);
  return {
    'session.diff': ({ id }) => git.diff(id),
    'session.diffStatsAll': () => ({
      diffs: git.diffs.statsAll(manager.list().filter((s) => s.archivedAt === null)),
    }),
    'session.diffFile': ({ id, path: file }) => git.diffFile(id, file),
    'session.revertFile': ({ id, path: file }) => git.revertFile(id, file),
    'session.revertHunk': ({ id, path: file, header, hash }) => git.revertHunk(id, file, { header, hash }),
    'session.fileLines': ({ id, path: file, start, end }) => git.fileLines(id, file, start, end),
    'session.commit': ({ id, message, paths }) => git.commit(id, message, paths),
    'session.discard': ({ id, commits }) => git.discard(id, commits),
    'session.rebase': ({ id }) => git.rebase(id),
    'session.merge': ({ id, message }) => git.merge(id, message),
    'session.push': ({ id, pr, title, body }) => git.push(id, { pr, title, body }),
    'session.pushTarget': ({ id }) => git.pushTarget(id),
    'session.diskUsage': async ({ id }) => {
      const session = manager.get(id);
      if (!existsSync(session.worktreePath))
        throw new FlotillaError('INVALID_STATE', `worktree ${session.worktreePath} is missing`);
      return { id: session.id, worktreePath: session.worktreePath, ...(await diskUsage(session.worktreePath)) };
    },
    'worktrees.report': () => worktreeReport(roots(), manager.list()),
    'worktrees.removeOrphan': ({ path: target }) => removeOrphanWorktree(target, roots(), manager.list()),
    'repo.getSettings': async ({ repoPath }) => manager.repoSettings.get(await resolveRepoRoot(path.resolve(repoPath))),
    'repo.setSettings': async (patch) => {
      if (patch.setupCommand) parseCommand(patch.setupCommand); // refuse a command that cannot run, now rather than at the next session
      const repoPath = await resolveRepoRoot(path.resolve(patch.repoPath));
      return manager.repoSettings.set({ ...patch, repoPath });
    },
  };
}
