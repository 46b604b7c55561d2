import '../styles/git-flow.css';
import { useState } from 'react';
import type { RebaseResult } from '../../../shared/git.js';
import type { Session } from '../../../shared/session.js';
import { diffActions } from '../api/diff-actions.js';
import { errorCode, errorMessage } from '../api/errors.js';
import { Modal } from './modal.js';

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
