import type { CommitResult, MergeResult, PushResult, PushTarget, RebaseResult } from '../../../shared/git.js';
import { useDiffStore } from '../stores/diff-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { api } from './api-instance.js';
import { errorMessage } from './errors.js';

/**
 * The git actions of the diff viewer. Revert and discard report their failure as a notice; commit, merge,
 * rebase and push throw, so their dialogs can show the typed error (MERGE_CONFLICT, REBASE_CONFLICT…) in place.
 */
export const diffActions = {
  /** Commits `paths` only, or every change when they are not given. */
  async commit(id: string, message: string, paths?: string[]): Promise<CommitResult> {
    const result = await api().invoke('session.commit', { id, message, ...(paths ? { paths } : {}) });
    void useDiffStore.getState().load(id);
    return result;
  },
  async merge(id: string, message: string): Promise<MergeResult> {
    const result = await api().invoke('session.merge', { id, message });
    void useDiffStore.getState().load(id);
    return result;
  },
  async rebase(id: string): Promise<RebaseResult> {
    try {
      return await api().invoke('session.rebase', { id });
    } finally {
      void useDiffStore.getState().load(id); // a conflict aborts, but the base may have moved meanwhile
    }
  },
  pushTarget(id: string): Promise<PushTarget> {
    return api().invoke('session.pushTarget', { id });
  },
  async push(id: string, options: { pr: boolean; title?: string }): Promise<PushResult> {
    return api().invoke('session.push', { id, ...options });
  },
  async revertFile(id: string, path: string): Promise<void> {
    try {
      useDiffStore.getState().setDiff(id, await api().invoke('session.revertFile', { id, path }));
    } catch (error) {
      useUiStore.getState().notify(`Revert failed: ${errorMessage(error)}`);
    }
  },
  async discard(id: string): Promise<void> {
    try {
      useDiffStore.getState().setDiff(id, await api().invoke('session.discard', { id, commits: false }));
    } catch (error) {
      useUiStore.getState().notify(`Discard failed: ${errorMessage(error)}`);
    }
  },
};
