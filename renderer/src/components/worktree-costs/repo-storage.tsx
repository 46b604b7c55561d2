import { useCallback, useEffect, useState } from 'react';
import type { MergedWorktree, RemoveMergedResult, RepoDiskTotal } from '../../../../shared/worktree-costs.js';
import { api } from '../../api/api-instance.js';
import { errorMessage } from '../../api/errors.js';
import { byteSize } from '../../format/byte-size.js';
import { useUiStore } from '../../stores/ui-store.js';
import '../../styles/worktree-costs.css';

function removedNotice(result: RemoveMergedResult): string {
  const kept = result.skipped.length > 0 ? `; kept ${result.skipped.map((s) => s.reason).join(', ')}` : '';
  const count = result.removed.length;
  return `Removed ${count} merged session worktree${count === 1 ? '' : 's'} (${byteSize(result.freedBytes)} freed)${kept}`;
}

/**
 * Settings → Storage, first: disk taken by each repository's session worktrees, and removing the worktrees
 * of sessions already merged into their base (after a confirmation naming them and the space freed).
 */
export function RepoStorage({ checks }: { checks: number }) {
  const [totals, setTotals] = useState<RepoDiskTotal[] | null>(null);
  const [merged, setMerged] = useState<MergedWorktree[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setBusy(true);
    try {
      const [nextTotals, nextMerged] = await Promise.all([
        api().invoke('storage.repoTotals', {}),
        api().invoke('worktrees.merged', {}),
      ]);
      setTotals(nextTotals);
      setMerged(nextMerged);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);
  useEffect(() => void load(), [load, checks]);

  const confirmRemove = () => {
    const freed = byteSize(merged.reduce((sum, m) => sum + m.bytes, 0));
    const names = merged.map((m) => `${m.name} (${byteSize(m.bytes)})`).join(', ');
    useUiStore.getState().askConfirm({
      title: `Remove ${merged.length} merged session${merged.length === 1 ? '' : 's'}?`,
      body: `Removes the worktrees, branches and sessions of ${names}, freeing ${freed}. Their work is in their base branch.`,
      confirmLabel: 'Remove merged',
      onConfirm: () =>
        void api()
          .invoke('worktrees.removeMerged', { ids: merged.map((m) => m.id) })
          .then(
            (result) => useUiStore.getState().notify(removedNotice(result), 'info'),
            (e: unknown) => useUiStore.getState().notify(errorMessage(e), 'error'),
          )
          .finally(() => void load()),
    });
  };

  return (
    <div className="repo-storage">
      <h4 className="storage-caption" id="storage-repos">
        Session worktrees per repository
      </h4>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {totals && totals.length === 0 ? <p className="muted small">No session worktrees.</p> : null}
      {totals && totals.length > 0 ? (
        <ul className="storage-list" aria-labelledby="storage-repos">
          {totals.map((total) => (
            <li key={total.repoPath} className="storage-item" aria-label={total.repoPath}>
              <div className="storage-item-body">
                <span className="mono storage-item-path">{total.repoPath}</span>
                <span className="storage-item-facts">
                  <span className="storage-size">{byteSize(total.bytes)}</span>
                  <span className="muted">
                    {total.sessions} session{total.sessions === 1 ? '' : 's'}
                  </span>
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="repo-storage-actions">
        <span className="muted small">
          {merged.length === 0
            ? 'No merged sessions with a worktree'
            : `${merged.length} merged session${merged.length === 1 ? '' : 's'}: ${byteSize(merged.reduce((s, m) => s + m.bytes, 0))}`}
        </span>
        <button type="button" className="btn" disabled={busy || merged.length === 0} onClick={confirmRemove}>
          Remove merged sessions’ worktrees
        </button>
      </div>
    </div>
  );
}
