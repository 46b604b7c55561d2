import type { gitMethods } from '../../shared/git-methods.js';
import type { SessionManager } from '../engine/index.js';
import type { Handlers } from './dispatch.js';

/** Handlers of the review, merge-back and worktree methods (shared/git-methods.ts). */
export function gitHandlers(manager: SessionManager): Pick<Handlers, keyof typeof gitMethods> {
  const { git, worktrees, repos } = manager;
  return {
    'session.diff': ({ id }) => git.diff(id),
    'session.diffStatsAll': () => ({ diffs: git.diffStatsAll() }),
    'session.diffFile': ({ id, path: file }) => git.diffFile(id, file),
    'session.revertFile': ({ id, path: file }) => git.revertFile(id, file),
    'session.revertHunk': ({ id, path: file, header, hash }) => git.revertHunk(id, file, { header, hash }),
    'session.fileLines': ({ id, path: file, start, end }) => git.fileLines(id, file, start, end),
    'session.commit': ({ id, message, paths }) => git.commit(id, message, paths),
    'session.discard': ({ id, commits }) => git.discard(id, commits),
    'session.rebase': ({ id }) => git.rebase(id),
    'session.merge': async ({ id, message, override }) => {
      await manager.reviewLoop.validation.gate(id, override);
      return git.merge(id, message);
    },
    'session.push': ({ id, pr, title, body }) => git.push(id, { pr, title, body }),
    'session.pushTarget': ({ id }) => git.pushTarget(id),
    'session.diskUsage': ({ id }) => worktrees.diskUsage(id),
    'worktrees.report': () => worktrees.report(),
    'worktrees.removeOrphan': ({ path: target }) => worktrees.removeOrphan(target),
    'repo.getSettings': ({ repoPath }) => repos.settings(repoPath),
    'repo.setSettings': (patch) => repos.setSettings(patch),
  };
}
