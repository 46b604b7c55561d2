import { useEffect, useState, type FormEvent } from 'react';
import type { RepoSettings } from '../../../shared/worktree.js';
import { api } from '../api/api-instance.js';
import { errorCode, errorMessage } from '../api/errors.js';
import {
  repoSettingsErrors,
  repoSettingsPatch,
  toRepoDraft,
  type RepoSettingsDraft,
  type RepoSettingsErrors,
} from '../api/repo-settings-draft.js';
import { useRecentRepos } from '../hooks/use-recent-repos.js';
import { useRepoSettings } from '../hooks/use-repo-settings.js';
import { useUiStore } from '../stores/ui-store.js';
import { Field } from './field.js';
import '../styles/repo-settings.css';
import '../styles/worktree-costs.css';
import { RecentRepoList } from './recent-repo-list.js';
import { ValidatorSettings } from './validation/validator-settings.js';
import { SettingsSection } from './settings-section.js';

const EMPTY_DRAFT: RepoSettingsDraft = {
  copyFiles: '',
  setupCommand: '',
  setupTimeoutSec: '',
  heavyFolders: '',
  heavyMode: 'clone',
};

/**
 * Settings → Repositories: per repository, the files copied into every new worktree and the setup command
 * run there before the agent starts. Saved on its own; the host's validation errors show on the fields.
 */
export function RepoSettingsSection() {
  const recentRepos = useRecentRepos();
  /** What the user typed or picked; until then the most recent repository, which may arrive after opening. */
  const [typedPath, setRepoPath] = useState<string | null>(null);
  const repoPath = typedPath ?? recentRepos[0]?.path ?? '';
  const { load, saved } = useRepoSettings(repoPath);
  const loaded: RepoSettings | null = load.state === 'ok' ? load.value : null;
  const [draft, setDraft] = useState<RepoSettingsDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<RepoSettingsErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<RepoSettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));

  // Another repository (or what a save stored) replaces the draft and what was said about the last one.
  useEffect(() => {
    setDraft(loaded ? toRepoDraft(loaded) : EMPTY_DRAFT);
    setErrors({});
  }, [loaded]);

  const changed = loaded !== null && JSON.stringify(toRepoDraft(loaded)) !== JSON.stringify(draft);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Settings' own form sits beside this one: keep this submit from reaching it through React's tree.
    event.stopPropagation();
    if (!loaded) return;
    const patch = repoSettingsPatch(loaded.repoPath, draft);
    setBusy(true);
    try {
      saved(await api().invoke('repo.setSettings', patch));
      useUiStore.getState().notify(`Worktree setup of ${loaded.repoPath} saved`, 'info');
    } catch (error) {
      setErrors(repoSettingsErrors(errorCode(error), errorMessage(error), patch.copyFiles ?? []));
    } finally {
      setBusy(false);
    }
  };

  const repoError = errors.repoPath ?? (load.state === 'error' ? load.message : undefined);
  const invalid = (message: string | undefined) => (message ? true : undefined);
  return (
    <SettingsSection
      id="repo-settings"
      title="Repositories"
      caption="How every new worktree of a repository is prepared"
      className="repo-settings"
    >
      <form className="form" aria-label="Repository settings" onSubmit={(event) => void save(event)} noValidate>
        <Field
          id="rs-repo"
          label="Repository"
          error={repoError}
          hint={
            load.state === 'checking'
              ? 'Loading…'
              : loaded
                ? `Settings of ${loaded.repoPath}`
                : 'A recent repository, or type a path'
          }
        >
          <input
            id="rs-repo"
            list="rs-recent-repos"
            className="mono"
            value={repoPath}
            placeholder="/path/to/a/git/repository"
            autoComplete="off"
            aria-invalid={invalid(repoError)}
            onChange={(e) => setRepoPath(e.target.value)}
          />
          <RecentRepoList id="rs-recent-repos" repos={recentRepos} />
        </Field>
        <Field
          id="rs-copy"
          label="Files to copy into new worktrees (one per line)"
          error={errors.copyFiles}
          hint="Paths relative to the repository, e.g. .env: usually files git ignores, which a worktree lacks"
        >
          <textarea
            id="rs-copy"
            className="mono"
            rows={3}
            value={draft.copyFiles}
            disabled={!loaded}
            placeholder={loaded ? '.env' : undefined}
            aria-invalid={invalid(errors.copyFiles)}
            onChange={(e) => set({ copyFiles: e.target.value })}
          />
        </Field>
        <div className="field-row">
          <Field
            id="rs-heavy"
            label="Heavy folders (one per line)"
            error={errors.heavyFolders}
            className="grow"
            hint="Brought into each new worktree without a fresh install, e.g. node_modules or .venv; the time and space saved show in the session's history"
          >
            <textarea
              id="rs-heavy"
              className="mono"
              rows={2}
              value={draft.heavyFolders}
              disabled={!loaded}
              placeholder={loaded ? 'node_modules' : undefined}
              aria-invalid={invalid(errors.heavyFolders)}
              onChange={(e) => set({ heavyFolders: e.target.value })}
            />
          </Field>
          <Field
            id="rs-heavy-mode"
            label="Bring them in as"
            className="repo-settings-heavy-mode"
            hint={
              draft.heavyMode === 'clone'
                ? 'A copy sharing blocks where the filesystem can (btrfs, XFS), a plain copy elsewhere'
                : 'A link to the repository’s folder: no copy, but every session writes into the same one'
            }
          >
            <select
              id="rs-heavy-mode"
              value={draft.heavyMode}
              disabled={!loaded}
              onChange={(e) => set({ heavyMode: e.target.value === 'symlink' ? 'symlink' : 'clone' })}
            >
              <option value="clone">Copy-on-write clone</option>
              <option value="symlink">Symlink</option>
            </select>
          </Field>
        </div>
        <div className="field-row">
          <Field
            id="rs-setup"
            label="Setup command"
            error={errors.setupCommand}
            className="grow"
            hint='Runs in the new worktree before the agent starts, without a shell (write sh -c "a && b" for one). Empty: none'
          >
            <input
              id="rs-setup"
              className="mono"
              value={draft.setupCommand}
              disabled={!loaded}
              placeholder={loaded ? 'npm ci' : undefined}
              autoComplete="off"
              aria-invalid={invalid(errors.setupCommand)}
              onChange={(e) => set({ setupCommand: e.target.value })}
            />
          </Field>
          <Field
            id="rs-timeout"
            label="Timeout (seconds)"
            error={errors.setupTimeoutSec}
            className="repo-settings-timeout"
          >
            <input
              id="rs-timeout"
              type="number"
              min={1}
              max={3600}
              value={draft.setupTimeoutSec}
              disabled={!loaded}
              aria-invalid={invalid(errors.setupTimeoutSec)}
              onChange={(e) => set({ setupTimeoutSec: e.target.value })}
            />
          </Field>
        </div>
        {errors.general ? (
          <p className="field-error" role="alert">
            {errors.general}
          </p>
        ) : null}
        <div className="repo-settings-actions">
          <button
            type="submit"
            className="btn primary"
            disabled={!changed || busy}
            title={loaded && !changed ? 'Nothing changed' : undefined}
          >
            Save repository settings
          </button>
        </div>
      </form>
      <ValidatorSettings repoPath={loaded?.repoPath ?? null} />
    </SettingsSection>
  );
}
