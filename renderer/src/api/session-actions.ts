import type { BatchResult } from '../../../shared/session.js';
import { isEnded } from '../../../shared/session-state.js';
import { useRemovalStore } from '../stores/removal-store.js';
import { useSelectionStore } from '../stores/selection-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { api } from './api-instance.js';
import { errorCode, errorMessage } from './errors.js';

function report(action: string, error: unknown): void {
  useUiStore.getState().notify(`${action} failed: ${errorMessage(error)}`);
}

function reportBatch(action: string, result: BatchResult): void {
  const failed = result.results.filter((r) => !r.ok);
  if (failed.length === 0) return;
  const first = failed[0]?.error ?? 'unknown error';
  useUiStore.getState().notify(`${action}: ${failed.length} of ${result.results.length} failed (${first})`);
}

async function batch(
  method: 'session.pause' | 'session.resume' | 'session.kill' | 'session.restart',
  label: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  try {
    reportBatch(label, await api().invoke(method, { ids }));
  } catch (error) {
    report(label, error);
  }
}

/** Every user action on sessions, one place: each reports its failure to the user instead of throwing. */
export const sessionActions = {
  pause: (ids: string[]) => batch('session.pause', 'Pause', ids),
  resume: (ids: string[]) => batch('session.resume', 'Resume', ids),
  terminate: (ids: string[]) => batch('session.kill', 'Terminate', ids),
  /** Runs ended sessions again in their worktree and branch (the conversation resumed where the agent can). */
  restart: (ids: string[]) => batch('session.restart', 'Restart', ids),

  async approve(id: string): Promise<void> {
    await api()
      .invoke('session.approve', { id })
      .catch((error: unknown) => report('Approve', error));
  },
  /** Approves the question of every waiting session among `ids`; the others are skipped and counted. */
  async approveWaiting(ids: string[]): Promise<void> {
    const byId = useSessionsStore.getState().byId;
    const waiting = ids.filter((id) => byId[id]?.status === 'waiting');
    const skipped = ids.length - waiting.length;
    const results = await Promise.allSettled(waiting.map((id) => api().invoke('session.approve', { id })));
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) return report(`Approve ${failed.length} of ${waiting.length}`, failed[0]?.reason);
    const approved = waiting.length;
    const note = skipped > 0 ? `; ${skipped} not waiting ${skipped === 1 ? 'was' : 'were'} skipped` : '';
    useUiStore.getState().notify(`Approved ${approved} session${approved === 1 ? '' : 's'}${note}`, 'info');
  },
  /** The worktree in the editor or a terminal on the host's desktop (the desktop app only). */
  async open(id: string, target: 'editor' | 'terminal'): Promise<void> {
    await api()
      .invoke('session.open', { id, target })
      .catch((error: unknown) => report(target === 'editor' ? 'Open in editor' : 'Open terminal', error));
  },
  /** A browser may be on another machine than the worktree: it gets the path to use there. */
  async copyPath(path: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(path);
      useUiStore.getState().notify(`Copied ${path}`, 'info');
    } catch (error) {
      report('Copy path', error);
    }
  },
  async deny(id: string): Promise<void> {
    await api()
      .invoke('session.deny', { id })
      .catch((error: unknown) => report('Deny', error));
  },
  /** Picks option `option` (1-based) of the question on screen, with the keys its provider uses. */
  async choose(id: string, option: number): Promise<void> {
    await api()
      .invoke('session.choose', { id, option })
      .catch((error: unknown) => report('Answer', error));
  },
  /**
   * The switches flip at once (a controlled checkbox would otherwise snap back until the host answers);
   * the host's update confirms them, and a failure puts the old value back.
   */
  async setAutoYes(ids: string[], autoYes: boolean): Promise<void> {
    const store = useSessionsStore.getState();
    const before = new Map(ids.map((id) => [id, store.byId[id]?.autoYes]));
    for (const id of ids) store.patch(id, { autoYes });
    const results = await Promise.allSettled(ids.map((id) => api().invoke('session.update', { id, autoYes })));
    results.forEach((result, i) => {
      const id = ids[i]!;
      const previous = before.get(id);
      if (result.status === 'rejected' && previous !== undefined)
        useSessionsStore.getState().patch(id, { autoYes: previous });
    });
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) report('Auto-yes', failed.reason);
  },
  async rename(id: string, name: string): Promise<void> {
    await api()
      .invoke('session.update', { id, name })
      .catch((error: unknown) => report('Rename', error));
  },
  /** Moves a finished session out of the grid into the Archived view, or back. */
  async archive(id: string, archived: boolean): Promise<void> {
    await api()
      .invoke('session.archive', { id, archived })
      .catch((error: unknown) => report(archived ? 'Archive' : 'Unarchive', error));
  },
  /** Archives the finished sessions among `ids` (they leave the grid and the selection); live ones are skipped and counted. */
  async archiveFinished(ids: string[]): Promise<void> {
    const byId = useSessionsStore.getState().byId;
    const finished = ids.filter((id) => {
      const session = byId[id];
      return session !== undefined && isEnded(session.status) && !session.archivedAt;
    });
    const live = ids.filter((id) => byId[id] && !isEnded(byId[id].status)).length;
    const results = await Promise.allSettled(
      finished.map((id) => api().invoke('session.archive', { id, archived: true })),
    );
    const archived = finished.filter((_, index) => results[index]?.status === 'fulfilled');
    for (const id of archived) useSelectionStore.getState().drop(id);
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) return report(`Archive ${failed.length} of ${finished.length}`, failed[0]?.reason);
    const skipped = live > 0 ? `; ${live} still running ${live === 1 ? 'was' : 'were'} skipped (terminate first)` : '';
    useUiStore
      .getState()
      .notify(`Archived ${archived.length} session${archived.length === 1 ? '' : 's'}${skipped}`, 'info');
  },
  async broadcast(ids: string[], text: string): Promise<void> {
    const results = await Promise.allSettled(ids.map((id) => api().invoke('session.send', { id, text, enter: true })));
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) report(`Broadcast to ${failed.length} of ${ids.length}`, failed[0]?.reason);
  },

  /** Removes one session; unmerged or uncommitted work is named and needs a second confirmation. */
  async remove(id: string, name: string): Promise<void> {
    try {
      await api().invoke('session.remove', { id, force: false });
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'DIRTY_WORKTREE' && code !== 'UNMERGED_BRANCH') return report('Remove', error);
      useUiStore.getState().askConfirm({
        title: `Remove ${name}?`,
        body: `${errorMessage(error)}. Removing deletes its worktree and branch for good.`,
        confirmLabel: 'Remove anyway',
        onConfirm: () =>
          void api()
            .invoke('session.remove', { id, force: true })
            .catch((e: unknown) => report('Remove', e)),
      });
    }
  },
  async removeMany(ids: string[]): Promise<void> {
    // Progress for the batch bar and the cards: each session counts as done when its remove settles.
    const removal = useRemovalStore.getState();
    removal.start(ids);
    const results = await Promise.allSettled(
      ids.map((id) =>
        api()
          .invoke('session.remove', { id, force: true })
          .finally(() => removal.finish(id)),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) report(`Remove ${failed.length} of ${ids.length}`, failed[0]?.reason);
  },
};
