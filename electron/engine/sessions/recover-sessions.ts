import { existsSync } from 'node:fs';
import { branchExists } from '../../git/repo-info.js';
import { deleteBranch } from '../../git/worktree.js';
import type { SessionRepository } from '../../store/session-repository.js';
import { isSameProcessAlive, processTree } from '../processes/process-tree.js';
import type { SessionContainment } from '../processes/session-containment.js';
import { canTransition } from '../../../shared/session-state.js';

/**
 * Reconciles sessions after the host stopped without closing them (crash, SIGKILL, power loss):
 * their agents cannot be reattached (the pty died with the host), so any survivor (the agent's tree, and
 * whatever else the session started: see SessionContainment.recover) is stopped and the
 * session comes back paused and resumable. Nothing is deleted except the branch of a create that never
 * got its worktree. Sessions still queued for a slot are left as they are, for the manager to queue again.
 */
export async function recoverSessions(store: SessionRepository, containment?: SessionContainment): Promise<void> {
  const at = new Date().toISOString();
  const records = store.list();
  // What the agents started outside their own tree (nohup'd jobs, daemons): found by the cgroups a crashed
  // host left, and by the sessions' marker.
  await containment?.recover(records.map((r) => r.id));
  for (const record of records) {
    if (record.pid !== null && (await isSameProcessAlive(record.pid, record.pidStartTime))) {
      for (const p of await processTree(record.pid)) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    // Queued behind the concurrency limit: nothing of it was made yet, so the manager simply queues it again.
    // (A session in another's worktree makes nothing of its own: the folder it waits for exists already.)
    const unmade = record.sharesWorktreeOf || !existsSync(record.worktreePath);
    if (record.status === 'creating' && record.queuedAt && unmade) continue;
    const cleared = { pid: null, pidStartTime: null, question: null, updatedAt: at };
    if (!canTransition(record.status, 'paused') && record.status !== 'paused') {
      if (record.pid !== null) store.update(record.id, { pid: null, pidStartTime: null });
      continue;
    }
    const event = (to: 'paused' | 'failed', detail: string) => ({
      at,
      kind: 'status',
      fromStatus: record.status,
      toStatus: to,
      detail,
    });
    if (!existsSync(record.worktreePath)) {
      const reason =
        record.status === 'creating'
          ? 'the host stopped before the worktree was created'
          : `worktree ${record.worktreePath} is missing`;
      if (record.status === 'creating' && (await branchExists(record.repoPath, record.branch).catch(() => false))) {
        await deleteBranch(record.repoPath, record.branch).catch(() => undefined);
      }
      store.update(record.id, { ...cleared, status: 'failed', error: reason }, event('failed', reason));
    } else if (record.status !== 'paused') {
      const detail =
        record.status === 'creating'
          ? 'the host stopped while creating; resume starts the agent'
          : 'the host stopped while the agent ran; resume continues the conversation';
      store.update(record.id, { ...cleared, status: 'paused' }, event('paused', detail));
    } else if (record.pid !== null) {
      store.update(record.id, { pid: null, pidStartTime: null });
    }
  }
}
