import { api } from '../api/api-instance.js';
import { errorCode, errorMessage } from '../api/errors.js';
import { useDiffStore } from '../stores/diff-store.js';
import { useUiStore } from '../stores/ui-store.js';
import type { HunkInfo } from './parse-patch.js';

/** Asks, then takes one hunk's change out of the worktree file; a stale hunk reloads the file's patch. */
export function confirmRevertHunk(id: string, path: string, hunk: HunkInfo, baseBranch: string): void {
  useUiStore.getState().askConfirm({
    title: `Revert this hunk of ${path}?`,
    body: `Lines ${hunk.newStart}–${hunk.newStart + Math.max(0, hunk.newCount - 1)} go back to ${baseBranch}; the rest of the file stays as it is.`,
    confirmLabel: 'Revert hunk',
    onConfirm: () => void revertHunk(id, path, hunk),
  });
}

async function revertHunk(id: string, path: string, hunk: HunkInfo): Promise<void> {
  const store = useDiffStore.getState();
  try {
    store.setDiff(id, await api().invoke('session.revertHunk', { id, path, header: hunk.header, hash: hunk.hash }));
    if (useDiffStore.getState().views[id]?.diff?.files.some((f) => f.path === path)) void store.loadFile(id, path);
  } catch (error) {
    useUiStore.getState().notify(`Revert failed: ${errorMessage(error)}`);
    if (errorCode(error) === 'STALE_HUNK') void store.loadFile(id, path);
  }
}
