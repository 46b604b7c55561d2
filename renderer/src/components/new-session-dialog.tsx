import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/api-instance.js';
import {
  createSessions,
  errorsAfterEdit,
  rowsAfterEdit,
  validateForm,
  type FieldErrors,
  type NewSessionForm,
} from '../api/create-sessions.js';
import { useFirstRunRepo, type FirstRunOffer } from '../hooks/use-first-run-repo.js';
import { useProfiles } from '../hooks/use-profiles.js';
import { useRepoInspect, type RepoCheck } from '../hooks/use-repo-inspect.js';
import type { CreationWatch } from '../stores/creation-progress.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useSettingsStore } from '../stores/settings-store.js';
import { useUiStore, type DialogPreset } from '../stores/ui-store.js';
import { AgentRows, newAgentRow } from './agent-rows.js';
import { BrowseFolderButton } from './browse-folder-button.js';
import { CreationProgress } from './creation-progress.js';
import '../styles/new-session-dialog.css';
import { Field } from './field.js';
import { FirstRunOfferHint } from './first-run-offer.js';
import { Modal } from './modal.js';
import { FormActions } from './form-actions.js';
import { RecentRepoList } from './recent-repo-list.js';
import { WorktreeOfField } from './team/worktree-of-field.js';

export function NewSessionDialog() {
  const preset = useUiStore((s) => s.dialog);
  const recentRepos = useSettingsStore((s) => s.recentRepos);
  // Looked up at start, before the dialog opens, so it is there to pre-fill the field.
  const firstRun = useFirstRunRepo(recentRepos.length === 0);
  return preset ? <DialogBody preset={preset} firstRun={firstRun} /> : null;
}

function initialForm(preset: DialogPreset, firstRun: FirstRunOffer | null): NewSessionForm {
  const { settings, providers, recentRepos } = useSettingsStore.getState();
  const wanted = preset.provider ?? settings?.defaultProvider ?? 'demo';
  const provider = providers.find((p) => p.id === wanted && p.available) ?? providers.find((p) => p.available);
  return {
    repoPath: recentRepos[0]?.path ?? (firstRun?.kind === 'repo' ? firstRun.path : ''),
    baseBranch: '',
    prompt: preset.prompt ?? '',
    name: '',
    // Follows the host's `autoYesDefault` setting; the user can still change it for these sessions.
    autoYes: settings?.autoYesDefault ?? false,
    rows: [newAgentRow(provider?.id ?? wanted)],
  };
}

function DialogBody({ preset, firstRun }: { preset: DialogPreset; firstRun: FirstRunOffer | null }) {
  const close = useUiStore((s) => s.closeDialog);
  const providers = useSettingsStore((s) => s.providers);
  const recentRepos = useSettingsStore((s) => s.recentRepos);
  const profiles = useProfiles();
  const [form, setForm] = useState(() => initialForm(preset, firstRun));
  const latestForm = useRef(form);
  latestForm.current = form;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  /** The sessions this Create is making, shown one line each until all are done (and after, if some failed). */
  const [watch, setWatch] = useState<CreationWatch | null>(null);
  const repo = useRepoInspect(form.repoPath);
  const set = (patch: Partial<NewSessionForm>) => {
    // An error about a value the user has since changed is stale: it goes with the old value.
    setErrors((e) => errorsAfterEdit(e, form, patch));
    setForm((f) => {
      const next = { ...f, ...patch };
      return { ...next, rows: rowsAfterEdit(next.rows, f, patch) };
    });
  };

  // A new repo resets the base branch to its current branch.
  const repoRoot = repo.state === 'ok' ? repo.value.root : '';
  const currentBranch = repo.state === 'ok' ? (repo.value.currentBranch ?? '') : '';
  // The sessions offered to share a worktree with are the repository's: another repository clears the choice.
  useEffect(() => set({ baseBranch: currentBranch, worktreeOf: '' }), [repoRoot, currentBranch]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateForm(form);
    if (repo.state === 'error') found.repoPath = repo.message;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const watching = { before: new Set(Object.keys(useSessionsStore.getState().byId)), repoRoot, ids: null };
    setWatch(watching);
    const onRow = (key: number, progress: NonNullable<NewSessionForm['rows'][number]['progress']>) =>
      setForm((f) => ({ ...f, rows: f.rows.map((r) => (r.key === key ? { ...r, progress } : r)) }));
    const { errors: result, ids } = await createSessions(api(), form, onRow);
    setBusy(false);
    // The user may have edited a field while the host answered: its error is about the old value then.
    // (Rows are left out: their progress lines change as the host answers, not by the user.)
    const { repoPath, baseBranch, name } = latestForm.current;
    setErrors(errorsAfterEdit(result, form, { repoPath, baseBranch, name }));
    setWatch({ ...watching, ids });
    setForm((latest) => {
      const f = { ...latest, rows: rowsAfterEdit(latest.rows, form, { repoPath, baseBranch, name }) };
      if (Object.keys(result).length === 0 && f.rows.every((r) => r.progress?.state === 'done')) {
        const done = f.rows.map((r) => (r.progress?.state === 'done' ? r.progress : { started: 0, queued: 0 }));
        const started = done.reduce((n, p) => n + p.started, 0);
        const queued = done.reduce((n, p) => n + (p.queued ?? 0), 0);
        const waiting = queued ? `; ${queued} queued until running agents end (max concurrent agents)` : '';
        useUiStore.getState().notify(`Started ${started} session${started === 1 ? '' : 's'}${waiting}`, 'info');
        queueMicrotask(close);
      }
      return f;
    });
  };

  return (
    <Modal title="New session" onClose={close} wide>
      <form className="form new-session-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id="ns-repo"
          label="Repository"
          error={errors.repoPath ?? (repo.state === 'error' ? repo.message : undefined)}
          hint={
            // First run: the host's repository (offered, not typed into a field being typed in) or a sample one.
            !form.repoPath && firstRun ? (
              <FirstRunOfferHint
                offer={firstRun}
                onPick={(repoPath) => set({ repoPath })}
                onError={(repoPath) => setErrors((e) => ({ ...e, repoPath }))}
              />
            ) : (
              repoHint(repo, form.repoPath)
            )
          }
        >
          <div className="input-with-button">
            <input
              id="ns-repo"
              list="recent-repos"
              value={form.repoPath}
              placeholder="/path/to/a/git/repository"
              autoComplete="off"
              aria-invalid={errors.repoPath || repo.state === 'error' ? true : undefined}
              data-autofocus
              onChange={(event) => set({ repoPath: event.target.value })}
            />
            <BrowseFolderButton
              title="Choose a repository"
              from={form.repoPath}
              onPick={(repoPath) => set({ repoPath })}
            />
          </div>
          <RecentRepoList id="recent-repos" repos={recentRepos} />
        </Field>
        <Field id="ns-base" label="Base branch" error={errors.baseBranch}>
          <select
            id="ns-base"
            value={form.baseBranch}
            onChange={(event) => set({ baseBranch: event.target.value })}
            disabled={repo.state !== 'ok' || Boolean(form.worktreeOf)}
          >
            {repo.state === 'ok' ? (
              repo.value.branches.map((b) => (
                <option key={b} value={b}>
                  {b}
                  {b === repo.value.currentBranch ? ' (current)' : ''}
                </option>
              ))
            ) : (
              <option value="">the repository's current branch</option>
            )}
          </select>
        </Field>
        <WorktreeOfField
          repoRoot={repoRoot}
          value={form.worktreeOf ?? ''}
          onChange={(worktreeOf) => set({ worktreeOf })}
        />
        <AgentRows
          rows={form.rows}
          providers={providers}
          profiles={profiles}
          disabled={busy}
          onChange={(rows) => set({ rows })}
        />
        <Field id="ns-prompt" label="Prompt">
          <textarea
            id="ns-prompt"
            rows={4}
            value={form.prompt}
            placeholder="What should the agents do?"
            onChange={(event) => set({ prompt: event.target.value })}
          />
        </Field>
        <div className="field-row">
          <Field id="ns-name" label="Name (optional)" error={errors.name} className="grow">
            <input
              id="ns-name"
              value={form.name}
              placeholder="from the prompt"
              onChange={(event) => set({ name: event.target.value })}
            />
          </Field>
          <label className="toggle">
            <input
              type="checkbox"
              checked={form.autoYes}
              onChange={(event) => set({ autoYes: event.target.checked })}
            />
            Auto-yes
          </label>
        </div>
        {watch ? <CreationProgress watch={watch} /> : null}
        <FormActions
          error={errors.general}
          onCancel={close}
          disabled={busy}
          submit={
            busy
              ? 'Starting…'
              : `Start ${form.rows.reduce((n, r) => n + r.count, 0)} agent${form.rows.length === 1 && form.rows[0]?.count === 1 ? '' : 's'}`
          }
        />
      </form>
    </Modal>
  );
}

/** Under the repository field: which repository it is when the path is inside one, its branch, a dirty checkout. */
function repoHint(repo: RepoCheck, typed: string): string | null {
  if (repo.state === 'checking') return 'checking…';
  if (repo.state !== 'ok') return null;
  const { root, currentBranch, dirty } = repo.value;
  const where = root === typed.trim().replace(/\/+$/, '') ? 'Git repository' : root;
  const branch = currentBranch ? `, on ${currentBranch}` : '';
  return `${where}${branch}${dirty ? ' (uncommitted changes stay here; agents start from the last commit)' : ''}`;
}
