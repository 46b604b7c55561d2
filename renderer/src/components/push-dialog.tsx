import '../styles/git-flow.css';
import { useEffect, useState, type FormEvent } from 'react';
import type { PushResult, PushTarget } from '../../../shared/git.js';
import type { Session } from '../../../shared/session.js';
import { diffActions } from '../api/diff-actions.js';
import { codedErrorMessage, errorMessage } from '../api/errors.js';
import { Field } from './field.js';
import { FormActions } from './form-actions.js';
import { Modal } from './modal.js';

function GhMissing({ className }: { className?: string }) {
  return (
    <p className={className}>
      The GitHub CLI <code>gh</code> is not on the host&apos;s PATH, so no pull request can be opened
      (https://cli.github.com).
    </p>
  );
}

/** Why a push cannot happen (or cannot open a PR), from the host's look at remotes and gh. */
function PushTargetNote({ target, pr }: { target: PushTarget | null; pr: boolean }) {
  if (!target) return <p className="muted small">Checking the remote…</p>;
  if (!target.remote)
    return (
      <div className="git-outcome failed" role="alert">
        <p>
          This repository has no git remote to push to. Add one (<code>git remote add origin URL</code>) and try again.
        </p>
        {target.gh ? null : <GhMissing />}
      </div>
    );
  return (
    <p className="modal-body">
      Pushes the branch to <code>{target.remote}</code>
      {pr ? ', then opens a pull request with gh.' : ' (no pull request).'}
    </p>
  );
}

/** Push the session branch and, when gh is there, open a pull request; says what is missing otherwise. */
export function PushDialog({ session, onClose }: { session: Session; onClose(): void }) {
  const [target, setTarget] = useState<PushTarget | null>(null);
  const [pr, setPr] = useState(false);
  const [title, setTitle] = useState(session.prompt.split('\n')[0]?.trim() || session.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pushed, setPushed] = useState<PushResult | null>(null);
  useEffect(() => {
    let live = true;
    diffActions.pushTarget(session.id).then(
      (found) => {
        if (!live) return;
        setTarget(found);
        setPr(found.gh);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [session.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setPushed(await diffActions.push(session.id, { pr, ...(pr && title.trim() ? { title: title.trim() } : {}) }));
    } catch (e) {
      setError(codedErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (pushed)
    return (
      <Modal title="Pushed" onClose={onClose}>
        <p className="git-outcome ok" role="status">
          Pushed <code>{pushed.branch}</code> to <code>{pushed.remote}</code>.
          {pushed.prUrl ? (
            <>
              {' '}
              Pull request:{' '}
              <a href={pushed.prUrl} target="_blank" rel="noreferrer">
                {pushed.prUrl}
              </a>
            </>
          ) : null}
        </p>
        <div className="modal-actions">
          <button type="button" className="btn" data-autofocus onClick={onClose}>
            Close
          </button>
        </div>
      </Modal>
    );
  const canPush = !!target?.remote && !busy && (!pr || !!title.trim());
  return (
    <Modal title={`Push ${session.branch}`} onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <PushTargetNote target={target} pr={pr} />
        {target?.remote ? (
          <>
            <label className="toggle">
              <input
                type="checkbox"
                checked={pr}
                disabled={!target.gh}
                onChange={(event) => setPr(event.target.checked)}
              />
              Open a pull request into <code>{session.baseBranch}</code>
            </label>
            {target.gh ? null : <GhMissing className="git-hint" />}
            {pr ? (
              <Field id="pr-title" label="Pull request title">
                <input id="pr-title" value={title} onChange={(event) => setTitle(event.target.value)} />
              </Field>
            ) : null}
          </>
        ) : null}
        <FormActions
          error={error}
          onCancel={onClose}
          disabled={!canPush}
          submitTitle={target && !target.remote ? 'No git remote to push to' : undefined}
          submit={busy ? 'Pushing…' : pr && target?.remote ? 'Push and open PR' : 'Push branch'}
        />
      </form>
    </Modal>
  );
}
