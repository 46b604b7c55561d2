import '../../styles/validation.css';
import { useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_VALIDATOR_TIMEOUT_SEC, type Validator } from '../../../../shared/validation.js';
import { api } from '../../api/api-instance.js';
import { errorMessage } from '../../api/errors.js';
import { Field } from '../field.js';
import { argvText, parseArgvText } from './validator-argv.js';

interface Draft {
  name: string;
  command: string;
  timeoutSec: string;
}

const EMPTY: Draft = { name: '', command: '', timeoutSec: String(DEFAULT_VALIDATOR_TIMEOUT_SEC) };

/** Settings → Repositories: the repository's validators (name, argv, timeout): add, edit, remove. */
export function ValidatorSettings({ repoPath }: { repoPath: string | null }) {
  const [validators, setValidators] = useState<Validator[]>([]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setValidators([]);
    setDraft(EMPTY);
    setError(null);
    if (!repoPath) return;
    let current = true;
    api()
      .invoke('validators.list', { repoPath })
      .then(
        (result) => current && setValidators(result.validators),
        (e: unknown) => current && setError(errorMessage(e)),
      );
    return () => {
      current = false;
    };
  }, [repoPath]);

  if (!repoPath) return null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const argv = parseArgvText(draft.command);
    const timeoutSec = Number(draft.timeoutSec);
    if (!Array.isArray(argv)) return setError(`Command: ${argv.error}`);
    if (argv.length === 0) return setError('Command: type the command to run, e.g. npm test');
    if (!Number.isInteger(timeoutSec) || timeoutSec < 1) return setError('Timeout: whole seconds, at least 1');
    setBusy(true);
    try {
      const result = await api().invoke('validators.set', { repoPath, name: draft.name.trim(), argv, timeoutSec });
      setValidators(result.validators);
      setDraft(EMPTY);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (name: string) => {
    try {
      setValidators((await api().invoke('validators.remove', { repoPath, name })).validators);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="validator-settings" aria-label="Validators">
      <h3>Validators</h3>
      <p className="muted validator-intro">
        Checks run in each session&apos;s worktree when its agent goes idle with new changes (no shell: quote words as
        in a terminal). Merging waits for them to pass.
      </p>
      {validators.length > 0 && (
        <ul className="validator-list">
          {validators.map((v) => (
            <li key={v.name} data-validator={v.name}>
              <code className="validator-name">{v.name}</code>
              <code className="validator-command">{argvText(v.argv)}</code>
              <span className="muted">{v.timeoutSec} s</span>
              <button
                type="button"
                className="btn"
                onClick={() => setDraft({ name: v.name, command: argvText(v.argv), timeoutSec: String(v.timeoutSec) })}
              >
                Edit
              </button>
              <button
                type="button"
                className="btn danger"
                onClick={() => void remove(v.name)}
                aria-label={`Remove ${v.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="validator-form" onSubmit={(e) => void save(e)}>
        <Field id="validator-name" label="Name">
          <input
            id="validator-name"
            value={draft.name}
            placeholder="test"
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </Field>
        <Field id="validator-command" label="Command">
          <input
            id="validator-command"
            value={draft.command}
            placeholder="npm test"
            onChange={(e) => setDraft({ ...draft, command: e.target.value })}
          />
        </Field>
        <Field id="validator-timeout" label="Timeout (s)">
          <input
            id="validator-timeout"
            inputMode="numeric"
            value={draft.timeoutSec}
            onChange={(e) => setDraft({ ...draft, timeoutSec: e.target.value })}
          />
        </Field>
        <button type="submit" className="btn primary" disabled={busy || !draft.name.trim()}>
          {validators.some((v) => v.name === draft.name.trim()) ? 'Save validator' : 'Add validator'}
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
