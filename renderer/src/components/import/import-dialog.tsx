import { useState } from 'react';
import type { ImportAgent, ImportStartInput } from '../../../../shared/imports.js';
import { api } from '../../api/api-instance.js';
import { errorMessage } from '../../api/errors.js';
import { useProfiles } from '../../hooks/use-profiles.js';
import { useSettingsStore } from '../../stores/settings-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { Field } from '../field.js';
import { Modal } from '../modal.js';
import { RecentRepoList } from '../recent-repo-list.js';
import { useImportStore } from './import-store.js';
import { ImportRow } from './import-row.js';
import { useImportList } from './use-import-list.js';
import './import.css';

/** The Import view: conversations run with Claude Code or Codex in a repository outside Flotilla. */
export function ImportDialog() {
  const open = useImportStore((s) => s.open);
  return open ? <ImportBody /> : null;
}

type Target = Pick<ImportStartInput, 'conversationId' | 'agent'> | { latest: true; agent?: ImportAgent };

function ImportBody() {
  const close = () => useImportStore.getState().setOpen(false);
  const recentRepos = useSettingsStore((s) => s.recentRepos);
  const [repoPath, setRepoPath] = useState(() => recentRepos[0]?.path ?? '');
  // A profile says where its CLI keeps conversations (CLAUDE_CONFIG_DIR, CODEX_HOME) and how to run it.
  const profiles = useProfiles().filter((p) => p.provider === 'claude' || p.provider === 'codex');
  const [profileId, setProfileId] = useState('');
  const { result, reload } = useImportList(repoPath, profileId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const openSession = (id: string) => {
    close();
    useUiStore.getState().focus(id);
  };
  const start = async (target: Target) => {
    setBusy(true);
    setError(null);
    try {
      const session = await api().invoke('import.start', {
        repoPath: repoPath.trim(),
        ...target,
        ...(profileId ? { profileId } : {}),
      });
      useUiStore.getState().notify(`Imported into session ${session.name}`, 'info');
      openSession(session.id);
    } catch (failure) {
      setError(errorMessage(failure));
      await reload().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const found = result.state === 'ok' ? result.value : null;
  // A profile runs one agent: the other agent's conversations cannot be imported with it.
  const profileAgent = profiles.find((p) => p.id === profileId)?.provider as ImportAgent | undefined;
  const usable = (agent: ImportAgent) => profileAgent === undefined || agent === profileAgent;
  const free = found?.conversations.filter((c) => !c.importedBy && usable(c.agent)) ?? [];
  return (
    <Modal title="Import a conversation" onClose={close} wide>
      <div className="form import-view">
        <p className="muted">
          Claude Code and Codex conversations you had in this repository outside Flotilla. Importing one resumes it in a
          new session, on a worktree and branch of its own.
        </p>
        <Field id="import-repo" label="Repository" error={result.state === 'error' ? result.message : undefined}>
          <input
            id="import-repo"
            list="import-recent-repos"
            value={repoPath}
            placeholder="/path/to/a/git/repository"
            autoComplete="off"
            data-autofocus
            onChange={(event) => setRepoPath(event.target.value)}
          />
          <RecentRepoList id="import-recent-repos" repos={recentRepos} />
        </Field>
        {profiles.length > 0 ? (
          <Field id="import-profile" label="Profile">
            <select id="import-profile" value={profileId} onChange={(event) => setProfileId(event.target.value)}>
              <option value="">the agent's defaults</option>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.provider})
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {error ? (
          <div className="field-error" role="alert">
            {error}
          </div>
        ) : null}
        {result.state === 'checking' ? <p className="muted">Looking for conversations…</p> : null}
        {found && found.conversations.length === 0 ? (
          <p className="muted import-empty">No Claude Code or Codex conversation found for {found.repoPath}.</p>
        ) : null}
        {found && found.conversations.length > 0 ? (
          <ul className="import-list" aria-label="Conversations">
            {found.conversations.map((c) => (
              <ImportRow
                key={`${c.agent}:${c.id}`}
                conversation={c}
                repoPath={found.repoPath}
                busy={busy || !usable(c.agent)}
                onImport={() => void start({ conversationId: c.id, agent: c.agent })}
                onOpen={openSession}
              />
            ))}
          </ul>
        ) : null}
        {found && (found.truncated || found.skipped > 0) ? (
          <small className="muted">
            {found.truncated ? 'Only the newest are listed. ' : ''}
            {found.skipped > 0 ? `${found.skipped} unreadable file${found.skipped === 1 ? '' : 's'} skipped.` : ''}
          </small>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={busy || free.length === 0}
            title="Resume the newest conversation not imported yet"
            onClick={() => void start({ latest: true, ...(profileAgent ? { agent: profileAgent } : {}) })}
          >
            Continue latest
          </button>
        </div>
      </div>
    </Modal>
  );
}
