import '../styles/git-flow.css';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { PushResult, PushTarget, RebaseResult } from '../../../shared/git.js';
import type { Session } from '../../../shared/session.js';
import { diffActions } from '../api/diff-actions.js';
import { errorCode, errorMessage } from '../api/errors.js';
import { sessionActions } from '../api/session-actions.js';
import { commitPaths } from '../diff/commit-paths.js';
import { useDiffStore } from '../stores/diff-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { CommitFilePicker } from './commit-file-picker.js';
import { Field } from './field.js';
import { Modal } from './modal.js';
import { FormActions } from './form-actions.js';

/**
 * A message prompt that runs a git action, showing its typed error in place (e.g. MERGE_CONFLICT);
 * `children` go below the message (the commit's file list), `blocked` keeps it from submitting.
 */
function MessageDialog(props: {
  title: string;
  label: string;
  initial: string;
  submitLabel: string;
  onClose(): void;
  run(message: string): Promise<void>;
  children?: ReactNode;
  blocked?: boolean;
  wide?: boolean;
}) {
  const [message, setMessage] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.run(message.trim());
    } catch (e) {
      const code = errorCode(e);
      setError(code ? `${code}: ${errorMessage(e)}` : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={props.title} onClose={props.onClose} wide={props.wide}>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <Field id="git-message" label={props.label} error={error ?? undefined}>
          <textarea
            id="git-message"
            rows={4}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            aria-invalid={error ? true : undefined}
          />
        </Field>
        {props.children}
        <FormActions
          onCancel={props.onClose}
          disabled={busy || !message.trim() || props.blocked}
          submit={busy ? 'Working…' : props.submitLabel}
        />
      </form>
    </Modal>
  );
}

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
      initial=""
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
      ) : null}
      <CommitFilePicker
        files={files}
        excluded={excluded}
        truncatedFrom={diff?.truncated ? diff.changedFiles : undefined}
        onChange={setExcluded}
      />
    </MessageDialog>
  );
}

/** Squash-merge into the base branch; once merged, offers to remove the session (worktree and branch). */
export function MergeDialog({ session, onClose }: { session: Session; onClose(): void }) {
  const [merged, setMerged] = useState<{ commit: string; baseBranch: string } | null>(null);
  if (merged)
    return (
      <Modal title="Merged" onClose={onClose}>
        <p className="modal-body">
          Squash-merged into <code>{merged.baseBranch}</code> as <code>{merged.commit.slice(0, 8)}</code>. Remove the
          session now (its worktree and branch)?
        </p>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            Keep session
          </button>
          <button
            type="button"
            className="btn danger"
            onClick={() => {
              onClose();
              void sessionActions.remove(session.id, session.name);
            }}
          >
            Remove session
          </button>
        </div>
      </Modal>
    );
  return (
    <MessageDialog
      title={`Merge into ${session.baseBranch}`}
      label="Squash commit message"
      initial={session.prompt.split('\n')[0]?.trim() || session.name}
      submitLabel="Squash-merge"
      onClose={onClose}
      run={async (message) => setMerged(await diffActions.merge(session.id, message))}
    />
  );
}

const short = (sha: string) => sha.slice(0, 8);

type RebaseState =
  | { phase: 'confirm' }
  | { phase: 'running' }
  | { phase: 'done'; result: RebaseResult }
  | { phase: 'failed'; code: string | undefined; message: string };

/** Rebase the session branch onto its base: asks first, shows progress, then the new head or the conflicts. */
export function RebaseDialog({ session, onClose }: { session: Session; onClose(): void }) {
  const [state, setState] = useState<RebaseState>({ phase: 'confirm' });
  const base = session.baseBranch;
  const run = async () => {
    setState({ phase: 'running' });
    try {
      setState({ phase: 'done', result: await diffActions.rebase(session.id) });
    } catch (error) {
      setState({ phase: 'failed', code: errorCode(error), message: errorMessage(error) });
    }
  };
  return (
    <Modal title={`Rebase onto ${base}`} onClose={onClose}>
      {state.phase === 'confirm' ? (
        <p className="modal-body">
          Replays the commits of <code>{session.branch}</code> on the current <code>{base}</code>. On a conflict the
          rebase is aborted and the branch stays as it is.
        </p>
      ) : state.phase === 'running' ? (
        <p className="git-outcome" role="status">
          <span className="git-spinner" aria-hidden="true" /> Rebasing <code>{session.branch}</code> onto{' '}
          <code>{base}</code>…
        </p>
      ) : state.phase === 'done' ? (
        <p className="git-outcome ok" role="status">
          {state.result.upToDate ? (
            <>
              Already up to date: <code>{session.branch}</code> contains <code>{base}</code> at{' '}
              <code>{short(state.result.onto)}</code>.
            </>
          ) : (
            <>
              Rebased onto <code>{base}</code> at <code>{short(state.result.onto)}</code>; the branch is now at{' '}
              <code>{short(state.result.head)}</code>.
            </>
          )}
        </p>
      ) : (
        <div className="git-outcome failed" role="alert">
          <strong>{state.code === 'REBASE_CONFLICT' ? 'Conflicts: nothing was rebased' : 'Rebase failed'}</strong>
          <p>{state.message}</p>
        </div>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose}>
          {state.phase === 'confirm' ? 'Cancel' : 'Close'}
        </button>
        {state.phase === 'confirm' ? (
          <button type="button" className="btn primary" data-autofocus onClick={() => void run()}>
            Rebase
          </button>
        ) : null}
      </div>
    </Modal>
  );
}

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
      const code = errorCode(e);
      setError(code ? `${code}: ${errorMessage(e)}` : errorMessage(e));
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
