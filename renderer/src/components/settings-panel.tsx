import { useState, type FormEvent } from 'react';
import { Settings, type SettingsPatch } from '../../../shared/settings.js';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';
import { usePrefsStore } from '../stores/prefs-store.js';
import { useSettingsStore } from '../stores/settings-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { Field } from './field.js';
import { Modal } from './modal.js';
import { FormActions } from './form-actions.js';
import { GuardSettings, patternLines, type GuardDraft } from './guard-settings.js';
import { NotificationSettings } from './notification-settings.js';
import { OpenToolSettings, type OpenToolDraft } from './open-tool-settings.js';
import { commandText, parseCommandText } from '../api/command-text.js';
import { ProfileSettings } from './profile-settings.js';
import { RepoSettingsSection } from './repo-settings-section.js';
import { PriceSettings } from './price-settings.js';
import { StorageSection } from './storage-section.js';

/** The number settings, edited as text here and sent as numbers. */
const NUMBER_FIELDS = [
  'idleQuietMs',
  'killGraceMs',
  'maxConcurrentSessions',
  'validatorConcurrency',
  'validationAutoFix',
  'portBlockSize',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
/** The settings edited as text here; any other field (booleans included) is edited by its own control. */
const TEXT_FIELDS = ['branchPrefix', 'worktreeRoot', 'defaultProvider', ...NUMBER_FIELDS] as const;
type Form = Record<(typeof TEXT_FIELDS)[number], string>;

/** Labels of boolean settings; one added to the contract later shows up with its key as label. */
const FLAG_LABELS: Record<string, string> = {
  autoYesDefault: 'Auto-yes for new sessions',
  autoLock: 'Auto-lock writes in shared worktrees (Claude Code)',
  agentMcp: 'Give agents the Flotilla MCP server',
};

function toForm(settings: Settings): Form {
  return Object.fromEntries(TEXT_FIELDS.map((key) => [key, String(settings[key])])) as Form;
}

function merged(settings: Settings, form: Form, flags: Record<string, boolean>): Record<string, unknown> {
  const typed = Object.fromEntries(
    TEXT_FIELDS.map((key) => [key, (NUMBER_FIELDS as readonly string[]).includes(key) ? Number(form[key]) : form[key]]),
  );
  return { ...settings, ...flags, ...typed };
}

function booleanKeys(settings: Settings): string[] {
  return Object.entries(settings)
    .filter(([, value]) => typeof value === 'boolean')
    .map(([key]) => key);
}

export function SettingsPanel() {
  const open = useUiStore((s) => s.settingsOpen);
  const settings = useSettingsStore((s) => s.settings);
  if (!open || !settings) return null;
  return <SettingsForm settings={settings} />;
}

/** The host's settings (validated with the contract's own schema, field by field) and this browser's preferences. */
function SettingsForm({ settings }: { settings: Settings }) {
  const close = () => useUiStore.getState().setSettingsOpen(false);
  const providers = useSettingsStore((s) => s.providers);
  const prefs = usePrefsStore();
  const [form, setForm] = useState(() => toForm(settings));
  const [flags, setFlags] = useState(() =>
    Object.fromEntries(booleanKeys(settings).map((k) => [k, (settings as Record<string, unknown>)[k] === true])),
  );
  const [guard, setGuard] = useState<GuardDraft>(() => ({
    disabled: settings.guardDisabledRules,
    patterns: settings.guardExtraPatterns.join('\n'),
  }));
  const [notifyOn, setNotifyOn] = useState(settings.notifyOn);
  const [openTools, setOpenTools] = useState<OpenToolDraft>(() => ({
    editor: commandText(settings.editorCommand),
    terminal: commandText(settings.terminalCommand),
  }));
  const [errors, setErrors] = useState<Partial<Record<keyof Settings | 'general', string>>>({});
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  /** One number setting: its field, error or hint, and bounds. */
  const number = (
    key: NumberField,
    id: string,
    label: string,
    more: { hint?: string; min?: number; max?: number; className?: string } = {},
  ) => (
    <Field id={id} label={label} error={errors[key]} hint={more.hint} className={more.className}>
      <input
        id={id}
        type="number"
        min={more.min}
        max={more.max}
        value={form[key]}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </Field>
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const editorCommand = parseCommandText(openTools.editor);
    const terminalCommand = parseCommandText(openTools.terminal);
    if ('error' in editorCommand || 'error' in terminalCommand) {
      return setErrors({
        ...('error' in editorCommand ? { editorCommand: editorCommand.error } : {}),
        ...('error' in terminalCommand ? { terminalCommand: terminalCommand.error } : {}),
      });
    }
    const parsed = Settings.safeParse({
      ...merged(settings, form, flags),
      editorCommand,
      terminalCommand,
      guardDisabledRules: [...guard.disabled],
      guardExtraPatterns: patternLines(guard.patterns),
      notifyOn,
    });
    if (!parsed.success) {
      const shown: readonly string[] = [
        ...TEXT_FIELDS,
        'guardDisabledRules',
        'guardExtraPatterns',
        'editorCommand',
        'terminalCommand',
      ];
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((issue) => {
            const key = String(issue.path[0] ?? '');
            return shown.includes(key) ? [key, issue.message] : ['general', `${key || 'settings'}: ${issue.message}`];
          }),
        ),
      );
      return;
    }
    const patch: SettingsPatch = {};
    for (const key of Object.keys(parsed.data) as (keyof Settings)[]) {
      // Lists (the guard's) compare by value.
      if (JSON.stringify(parsed.data[key]) !== JSON.stringify(settings[key])) {
        Object.assign(patch, { [key]: parsed.data[key] });
      }
    }
    try {
      useSettingsStore.getState().setSettings(await api().invoke('settings.set', patch));
      useUiStore.getState().notify('Settings saved', 'info');
      close();
    } catch (error) {
      setErrors({ general: errorMessage(error) });
    }
  };

  return (
    <Modal title="Settings" onClose={close} wide>
      <form className="form" onSubmit={(event) => void save(event)} noValidate>
        <h3 className="form-section">Sessions (this host)</h3>
        <div className="field-row">
          <Field
            id="st-prefix"
            label="Branch prefix"
            error={errors.branchPrefix}
            className="grow"
            hint="New branches are named <prefix><name>-<id>"
          >
            <input id="st-prefix" value={form.branchPrefix} onChange={(e) => set({ branchPrefix: e.target.value })} />
          </Field>
          <Field id="st-provider" label="Default agent" error={errors.defaultProvider} className="grow">
            <select
              id="st-provider"
              value={form.defaultProvider}
              onChange={(e) => set({ defaultProvider: e.target.value })}
            >
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                  {p.available ? '' : ' (not installed)'}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field
          id="st-root"
          label="Worktree location"
          error={errors.worktreeRoot}
          hint="Empty: inside Flotilla's data folder, never inside your repository"
        >
          <input
            id="st-root"
            value={form.worktreeRoot}
            placeholder="<data dir>/worktrees"
            onChange={(e) => set({ worktreeRoot: e.target.value })}
          />
        </Field>
        <div className="field-row">
          {number('idleQuietMs', 'st-idle', 'Idle after quiet (ms)', { className: 'grow' })}
          {number('killGraceMs', 'st-grace', 'Terminate grace (ms)', { className: 'grow' })}
        </div>
        {number('maxConcurrentSessions', 'st-max', 'Max concurrent agents', {
          min: 0,
          max: 200,
          hint: '0: no limit. New sessions beyond it wait in a queue and start as running agents end or pause',
        })}
        {number('portBlockSize', 'st-ports', 'Ports per session', {
          min: 0,
          max: 100,
          hint: 'Each new session gets this many free ports as $FLOTILLA_PORT, $FLOTILLA_PORT_1… for its dev servers. 0: none',
        })}
        <div className="field-row">
          {number('validatorConcurrency', 'st-validators', 'Validators at once', {
            min: 0,
            max: 64,
            hint: '0: half the cores',
            className: 'grow',
          })}
          {number('validationAutoFix', 'st-autofix', 'Auto-fix validator failures (times)', {
            min: 0,
            max: 20,
            hint: '0: off. Else failures go to the agent by themselves, up to this many times per session until a pass',
            className: 'grow',
          })}
        </div>
        {Object.keys(flags).length > 0 ? (
          <div className="field-row">
            {Object.entries(flags).map(([key, on]) => (
              <label key={key} className="toggle">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => setFlags((f) => ({ ...f, [key]: e.target.checked }))}
                />
                {FLAG_LABELS[key] ?? key}
              </label>
            ))}
          </div>
        ) : null}
        <GuardSettings
          draft={guard}
          onChange={(draft) => {
            setGuard(draft);
            // What the last save said about the guard no longer holds once it is edited.
            setErrors(({ guardExtraPatterns: _patterns, guardDisabledRules: _rules, ...rest }) => rest);
          }}
          error={errors.guardExtraPatterns ?? errors.guardDisabledRules}
        />
        <NotificationSettings notifyOn={notifyOn} onChange={setNotifyOn} />
        <OpenToolSettings
          draft={openTools}
          onChange={(draft) => {
            setOpenTools(draft);
            setErrors(({ editorCommand: _editor, terminalCommand: _terminal, ...rest }) => rest);
          }}
          errors={{ editor: errors.editorCommand, terminal: errors.terminalCommand }}
        />
        <h3 className="form-section">Appearance (this browser)</h3>
        <div className="field-row">
          <label className="toggle">
            <input
              type="checkbox"
              checked={prefs.theme === 'light'}
              onChange={(e) => prefs.set({ theme: e.target.checked ? 'light' : 'dark' })}
            />
            Light theme
          </label>
        </div>
        <FormActions error={errors.general} onCancel={close} submit="Save settings" />
      </form>
      <ProfileSettings />
      <RepoSettingsSection />
      <PriceSettings />
      <StorageSection />
    </Modal>
  );
}
