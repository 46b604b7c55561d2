import { useState } from 'react';
import type { OrphanRemoval, OrphanWorktree } from '../../../shared/worktree.js';
import { errorMessage } from '../api/errors.js';
import { byteSize } from '../format/byte-size.js';
import { useWorktreeReport } from '../hooks/use-worktree-report.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import '../styles/storage-section.css';
import { SettingsSection } from './settings-section.js';
import { RepoStorage } from './worktree-costs/repo-storage.js';

function leafName(folder: string): string {
  return folder.split('/').filter(Boolean).pop() ?? folder;
}

function removedNotice(removed: OrphanRemoval): string {
  const kept = removed.branch && removed.kind === 'worktree' ? `; branch ${removed.branch} kept` : '';
  return `Removed ${removed.path} (${byteSize(removed.bytes)})${kept}`;
}

/**
 * Settings → Storage: worktree folders no session knows (left by a crash, or by hand) with their size,
 * branch and repository, and sessions whose worktree is gone. A folder is deleted only by its Remove
 * button, after a confirmation naming its path and size.
 */
export function StorageSection() {
  const { report, error, loading, refresh, remove } = useWorktreeReport();
  /** Bumped by Check again, so the per-repository totals are measured again too. */
  const [checks, setChecks] = useState(0);

  const confirmRemove = (orphan: OrphanWorktree) => {
    const size = byteSize(orphan.bytes);
    const branch = orphan.branch ? ` Its branch ${orphan.branch} stays in ${orphan.repoPath ?? 'its repository'}.` : '';
    useUiStore.getState().askConfirm({
      title: `Remove ${leafName(orphan.path)}?`,
      body: `Deletes ${orphan.path} (${size}) from disk, uncommitted files included. No session uses it.${branch}`,
      confirmLabel: 'Remove folder',
      onConfirm: () =>
        void remove(orphan).then(
          (removed) => useUiStore.getState().notify(removedNotice(removed), 'info'),
          (e: unknown) => useUiStore.getState().notify(errorMessage(e), 'error'),
        ),
    });
  };

  const orphans = report?.orphans ?? [];
  const missing = report?.missing ?? [];
  // Joined into one string so that other sessions' updates do not re-render Settings.
  const names = useSessionsStore((s) => missing.map((m) => s.byId[m.id]?.name ?? m.id).join('\n')).split('\n');
  return (
    <SettingsSection
      id="storage"
      title="Storage"
      caption="Session worktrees per repository, merged ones to remove, and folders no session knows"
      className="storage-section"
      busy={loading}
      actions={
        <button
          type="button"
          className="btn"
          disabled={loading}
          onClick={() => {
            refresh();
            setChecks((n) => n + 1);
          }}
        >
          {loading ? 'Checking…' : 'Check again'}
        </button>
      }
    >
      <RepoStorage checks={checks} />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {report && orphans.length === 0 ? (
        <p className="muted small storage-empty">
          No orphan worktrees: every folder in the worktree location belongs to a session.
        </p>
      ) : null}
      {orphans.length > 0 ? (
        <ul className="storage-list" aria-label="Orphan worktrees">
          {orphans.map((orphan) => (
            <li key={orphan.path} className="storage-item" aria-label={orphan.path}>
              <div className="storage-item-body">
                <span className="mono storage-item-path">{orphan.path}</span>
                <span className="storage-item-facts">
                  <span className="storage-size">{byteSize(orphan.bytes)}</span>
                  {orphan.branch ? <code className="chip">{orphan.branch}</code> : null}
                  <span className="muted mono wrap">
                    {orphan.repoPath ? `in ${orphan.repoPath}` : 'not a git worktree'}
                  </span>
                </span>
              </div>
              <button
                type="button"
                className="btn danger-text"
                aria-label={`Remove ${orphan.path}`}
                onClick={() => confirmRemove(orphan)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {missing.length > 0 ? (
        <>
          <h4 className="storage-caption" id="storage-missing">
            Sessions whose worktree is gone
          </h4>
          <ul className="storage-list" aria-labelledby="storage-missing">
            {missing.map((m, index) => (
              <li key={m.id} className="storage-item" aria-label={names[index]}>
                <div className="storage-item-body">
                  <strong>{names[index]}</strong>
                  <span className="mono storage-item-path muted">{m.worktreePath}</span>
                </div>
              </li>
            ))}
          </ul>
          <small className="muted">
            Their changes cannot be shown; remove such a session from its card when done with it.
          </small>
        </>
      ) : null}
    </SettingsSection>
  );
}
