import '../styles/git-flow.css';
import { useMemo, useState } from 'react';
import type { Session } from '../../../shared/session.js';
import { diffActions } from '../api/diff-actions.js';
import { commitPaths } from '../diff/commit-paths.js';
import { useDiffStore } from '../stores/diff-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { CommitFilePicker } from './commit-file-picker.js';
import { MessageDialog } from './message-dialog.js';

/** Commit the worktree's changes on the session branch: every file, or only the ones left checked. */
export function CommitDialog({ session, onClose }: { session: Session; onClose(): void }) {
  const diff = useDiffStore((s) => s.views[session.id]?.diff);
  // The agent's own commits are already on the branch: only what the worktree changes beyond them.
  const files = useMemo(() => (diff?.files ?? []).filter((f) => f.uncommitted), [diff]);
  const [excluded, setExcluded] = useState<Set<string>>(() => new Set());
  const nothingChecked = files.every((f) => excluded.has(f.path));
  return (
    <MessageDialog
      title="Commit changes"
      label="Commit message"
      // What the agent was asked, as the squash-merge's message is: the user edits it rather than starts blank.
      initial={session.prompt.split('\n')[0]?.trim() || session.name}
      submitLabel="Commit"
      wide
      blocked={nothingChecked}
      onClose={onClose}
      run={async (message) => {
        const result = await diffActions.commit(session.id, message, commitPaths(files, excluded));
        useUiStore
          .getState()
          .notify(
            `Committed ${result.files} file${result.files === 1 ? '' : 's'} as ${result.commit.slice(0, 8)}`,
            'info',
          );
        onClose();
      }}
    >
      {files.length === 0 ? (
        <p className="muted small">Nothing to commit: every change is already committed on the branch.</p>
      ) : (
        <CommitFilePicker
          files={files}
          excluded={excluded}
          truncatedFrom={diff?.truncated ? diff.changedFiles : undefined}
          onChange={setExcluded}
        />
      )}
    </MessageDialog>
  );
}
