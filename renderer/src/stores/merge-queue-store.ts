import { create } from 'zustand';
import type { MergeQueue } from '../../../shared/merge-queue.js';

/** The merge queue running or last run on each repository, and the finished ones the user put away. */
interface MergeQueueState {
  byRepo: Record<string, MergeQueue>;
  dismissed: Record<string, true>;
  set(queue: MergeQueue): void;
  replaceAll(queues: MergeQueue[]): void;
  dismiss(queueId: string): void;
}

export const useMergeQueueStore = create<MergeQueueState>()((set) => ({
  byRepo: {},
  dismissed: {},
  set: (queue) => set((s) => ({ byRepo: { ...s.byRepo, [queue.repoPath]: queue } })),
  replaceAll: (queues) => set({ byRepo: Object.fromEntries(queues.map((q) => [q.repoPath, q])) }),
  dismiss: (queueId) => set((s) => ({ dismissed: { ...s.dismissed, [queueId]: true } })),
}));

/** The queues to show: running ones, and finished ones not dismissed, newest first. */
export function visibleQueues(state: Pick<MergeQueueState, 'byRepo' | 'dismissed'>): MergeQueue[] {
  return Object.values(state.byRepo)
    .filter((q) => q.state === 'running' || !state.dismissed[q.id])
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
