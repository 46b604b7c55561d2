import { useState } from 'react';
import type { ProviderProfile } from '../../../shared/provider-profile.js';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';
import { useProfiles } from '../hooks/use-profiles.js';
import { useProfilesStore } from '../stores/profiles-store.js';
import { useSettingsStore } from '../stores/settings-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { ProfileEditor } from './profile-editor.js';
import { SettingsSection } from './settings-section.js';
import '../styles/profiles.css';

/** Settings' list of saved provider profiles, with add, edit and delete; env values never show in the list. */
export function ProfileSettings() {
  const profiles = useProfiles();
  const providers = useSettingsStore((s) => s.providers);
  const defaultProvider = useSettingsStore((s) => s.settings?.defaultProvider ?? providers[0]?.id ?? '');
  /** The profile being edited: its id, 'new', or none. */
  const [editing, setEditing] = useState<string | null>(null);
  const close = () => setEditing(null);
  const label = (provider: string) => providers.find((p) => p.id === provider)?.label ?? provider;

  const remove = (profile: ProviderProfile) =>
    useUiStore.getState().askConfirm({
      title: `Delete profile "${profile.name}"?`,
      body: `${label(profile.provider)} sessions started with it keep running; resumed, they use the agent's defaults.`,
      confirmLabel: 'Delete profile',
      onConfirm: () =>
        void api()
          .invoke('profiles.delete', { id: profile.id })
          .then(() => useProfilesStore.getState().refresh())
          .then(
            () => useUiStore.getState().notify(`Profile "${profile.name}" deleted`, 'info'),
            (error: unknown) => useUiStore.getState().notify(errorMessage(error), 'error'),
          ),
    });

  const editor = (profile: ProviderProfile | null) => (
    <ProfileEditor profile={profile} providers={providers} defaultProvider={defaultProvider} onClose={close} />
  );

  return (
    <SettingsSection
      id="profiles"
      title="Profiles"
      caption="Saved agent setups to pick per agent in New session"
      className="profile-settings"
      actions={
        <button type="button" className="btn" disabled={editing === 'new'} onClick={() => setEditing('new')}>
          Add profile
        </button>
      }
    >
      {editing === 'new' ? editor(null) : null}
      {profiles.length === 0 && editing !== 'new' ? (
        <p className="muted small profile-empty">
          No profiles yet. A profile keeps an agent's binary, extra arguments, model and environment together.
        </p>
      ) : null}
      <ul className="profile-list">
        {profiles.map((profile) =>
          editing === profile.id ? (
            <li key={profile.id} className="profile-item editing">
              {editor(profile)}
            </li>
          ) : (
            <li key={profile.id} className="profile-item" aria-label={profile.name}>
              <div className="profile-item-head">
                <strong>{profile.name}</strong>
                <span className="chip">{label(profile.provider)}</span>
                <span className="muted small">{profile.model ?? "agent's default model"}</span>
                <span className="spacer" />
                <button
                  type="button"
                  className="btn"
                  aria-label={`Edit ${profile.name}`}
                  onClick={() => setEditing(profile.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="btn danger-text"
                  aria-label={`Delete ${profile.name}`}
                  onClick={() => remove(profile)}
                >
                  Delete
                </button>
              </div>
              <dl className="profile-facts">
                <dt>Binary</dt>
                <dd className={profile.binaryPath ? 'mono wrap' : 'muted'}>{profile.binaryPath ?? 'found on PATH'}</dd>
                {profile.extraArgs.length > 0 ? (
                  <>
                    <dt>Arguments</dt>
                    <dd className="mono wrap">{profile.extraArgs.join(' ')}</dd>
                  </>
                ) : null}
                {Object.keys(profile.env).length > 0 ? (
                  <>
                    <dt>Environment</dt>
                    <dd className="profile-env-names">
                      {Object.keys(profile.env).map((name) => (
                        <code key={name} className="chip">
                          {name}
                        </code>
                      ))}
                    </dd>
                  </>
                ) : null}
              </dl>
            </li>
          ),
        )}
      </ul>
    </SettingsSection>
  );
}
