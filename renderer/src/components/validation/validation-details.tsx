import '../../styles/validation.css';
import { useEffect, useState } from 'react';
import type { Session } from '../../../../shared/session.js';
import type { ValidatorRun } from '../../../../shared/validation.js';
import { api } from '../../api/api-instance.js';
import { loadValidation } from '../../api/validation-sync.js';
import { useValidationStore } from '../../stores/validation-store.js';

function RunRow({ run }: { run: ValidatorRun }) {
  const [open, setOpen] = useState(run.status === 'failed');
  const took = run.durationMs === null ? '' : `${(run.durationMs / 1000).toFixed(1)} s`;
  return (
    <li className={`validation-run validation-${run.status}`} data-validator={run.name}>
      <button type="button" className="validation-run-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="validation-run-name">{run.name}</span>
        <span className="validation-run-status">{run.status}</span>
        <span className="validation-run-facts">
          {took}
          {run.exitCode === null ? '' : ` · exit ${run.exitCode}`}
        </span>
      </button>
      {open && run.outputTail && <pre className="validation-output">{run.outputTail}</pre>}
    </li>
  );
}

/** In a session's details: each validator's latest run with its output, and Validate / Send failures. */
export function ValidationDetails({ session }: { session: Session }) {
  const report = useValidationStore((s) => s.byId[session.id]);
  const [busy, setBusy] = useState<'run' | 'send' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    void loadValidation(api(), session.id);
  }, [session.id]);
  const act = async (kind: 'run' | 'send') => {
    setBusy(kind);
    setNote(null);
    try {
      if (kind === 'run') await api().invoke('validation.run', { id: session.id });
      else {
        const { sent } = await api().invoke('validation.sendFailures', { id: session.id });
        setNote(`Sent ${sent.join(', ')} to the agent; the validators run again when it is idle.`);
      }
    } catch (error) {
      setNote(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };
  const failed = report?.results.some((r) => r.status === 'failed') ?? false;
  return (
    <section className="validation-details" aria-label="Validation">
      <h3>
        Validation <span className="validation-summary">{report?.status ?? 'none'}</span>
      </h3>
      {report && report.results.length > 0 ? (
        <ul className="validation-runs">
          {report.results.map((run) => (
            <RunRow key={run.name} run={run} />
          ))}
        </ul>
      ) : (
        <p className="validation-empty">No validators have run (add them in Settings → Repositories).</p>
      )}
      <div className="validation-actions">
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void act('run')}>
          {busy === 'run' ? 'Validating…' : 'Validate'}
        </button>
        <button type="button" className="btn" disabled={busy !== null || !failed} onClick={() => void act('send')}>
          Send failures to agent
        </button>
      </div>
      {note && <p className="validation-note">{note}</p>}
    </section>
  );
}
