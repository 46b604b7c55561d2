import { useEffect, useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import type { ProviderProfile } from '../../../shared/provider-profile.js';
import type { ProviderInfo } from '../../../shared/repo.js';
import { api } from '../api/api-instance.js';
import { errorCode, errorMessage } from '../api/errors.js';
import {
  createRequest,
  draftFields,
  envRow,
  parseEnvLines,
  profileErrors,
  toDraft,
  updateRequest,
  type EnvRow,
  type ProfileDraft,
  type ProfileErrors,
} from '../api/profile-draft.js';
import { useProfilesStore } from '../stores/profiles-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { Field } from './field.js';
import { FormActions } from './form-actions.js';

interface Props {
  /** null: a new profile. */
  profile: ProviderProfile | null;
  providers: ProviderInfo[];
  defaultProvider: string;
  onClose(): void;
}

/** Adds or edits one provider profile; the host validates it and its errors show on the fields. */
export function ProfileEditor({ profile, providers, defaultProvider, onClose }: Props) {
  const [draft, setDraft] = useState<ProfileDraft>(() => toDraft(profile, defaultProvider));
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [reveal, setReveal] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ProfileDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setEnv = (env: EnvRow[]) => set({ env: env.length ? env : [envRow()] });
  const id = profile ? `pf-${profile.id}` : 'pf-new';
  const nameRef = useRef<HTMLInputElement>(null);
  // The editor opens below the settings form: bring it into view, ready to type.
  useEffect(() => {
    nameRef.current?.focus({ preventScroll: true });
    nameRef.current?.closest('form')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Settings is a form too: keep this submit from reaching it through React's tree.
    event.stopPropagation();
    const result = draftFields(draft);
    if ('errors' in result) return setErrors(result.errors);
    setBusy(true);
    try {
      if (profile) await api().invoke('profiles.update', updateRequest(profile.id, result.fields));
      else await api().invoke('profiles.create', createRequest(draft, result.fields));
      await useProfilesStore.getState().refresh();
      useUiStore.getState().notify(`Profile "${draft.name.trim()}" saved`, 'info');
      onClose();
    } catch (error) {
      setErrors(profileErrors(errorCode(error), errorMessage(error)));
      setBusy(false);
    }
  };

  /** Pasting `KEY=VALUE` lines into a name field fills as many rows. */
  const pasteInto = (event: ClipboardEvent, index: number) => {
    const text = event.clipboardData.getData('text');
    if (!text.includes('=') && !text.includes('\n')) return;
    event.preventDefault();
    setEnv([...draft.env.slice(0, index), ...parseEnvLines(text), ...draft.env.slice(index + 1)]);
  };

  return (
    <form
      className="form profile-editor"
      aria-label={profile ? `Edit profile ${profile.name}` : 'New profile'}
      onSubmit={(event) => void save(event)}
      noValidate
    >
      <div className="field-row">
        <Field id={`${id}-provider`} label="Agent" error={errors.provider} className="grow">
          <select
            id={`${id}-provider`}
            value={draft.provider}
            disabled={profile !== null}
            title={profile ? "A profile's agent is fixed once created" : undefined}
            onChange={(e) => set({ provider: e.target.value })}
          >
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
                {p.available ? '' : ' (not installed)'}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-name`} label="Profile name" error={errors.name} className="grow">
          <input
            ref={nameRef}
            id={`${id}-name`}
            aria-invalid={errors.name ? true : undefined}
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field id={`${id}-model`} label="Model (optional)" error={errors.model} className="grow">
          <input
            id={`${id}-model`}
            value={draft.model}
            placeholder="the agent's default"
            onChange={(e) => set({ model: e.target.value })}
          />
        </Field>
        <Field id={`${id}-binary`} label="Binary path (optional)" error={errors.binaryPath} className="grow">
          <input
            id={`${id}-binary`}
            className="mono"
            value={draft.binaryPath}
            placeholder="found on PATH"
            onChange={(e) => set({ binaryPath: e.target.value })}
          />
        </Field>
      </div>
      <Field
        id={`${id}-args`}
        label="Extra arguments (one per line)"
        error={errors.extraArgs}
        hint="Added to every launch and resume, before the prompt"
      >
        <textarea
          id={`${id}-args`}
          className="mono"
          rows={2}
          value={draft.extraArgs}
          onChange={(e) => set({ extraArgs: e.target.value })}
        />
      </Field>
      <fieldset className="profile-env" aria-describedby={errors.env ? `${id}-env-error` : undefined}>
        <legend>Environment</legend>
        {draft.env.map((row, index) => (
          <div key={row.key} className="profile-env-row">
            <input
              className="mono"
              aria-label={`Variable name ${index + 1}`}
              aria-invalid={row.name.trim() && errors.env?.includes(`"${row.name.trim()}"`) ? true : undefined}
              placeholder="NAME"
              value={row.name}
              onPaste={(event) => pasteInto(event, index)}
              onChange={(e) => setEnv(draft.env.map((r) => (r.key === row.key ? { ...r, name: e.target.value } : r)))}
            />
            <span className="muted">=</span>
            <input
              className="mono"
              type={reveal ? 'text' : 'password'}
              autoComplete="off"
              aria-label={`Value ${index + 1}`}
              placeholder="value"
              value={row.value}
              onChange={(e) => setEnv(draft.env.map((r) => (r.key === row.key ? { ...r, value: e.target.value } : r)))}
            />
            <button
              type="button"
              className="icon-btn"
              aria-label={`Remove variable ${index + 1}`}
              onClick={() => setEnv(draft.env.filter((r) => r.key !== row.key))}
            >
              ×
            </button>
          </div>
        ))}
        <div className="profile-env-foot">
          <button type="button" className="link" onClick={() => setEnv([...draft.env, envRow()])}>
            + Add variable
          </button>
          <span className="muted small">Paste KEY=VALUE lines into a name to fill several</span>
          <span className="spacer" />
          <label className="toggle">
            <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />
            Show values
          </label>
        </div>
        {errors.env ? (
          <small className="field-error" role="alert" id={`${id}-env-error`}>
            {errors.env}
          </small>
        ) : null}
      </fieldset>
      <FormActions error={errors.general} onCancel={onClose} submit="Save profile" disabled={busy} />
    </form>
  );
}
