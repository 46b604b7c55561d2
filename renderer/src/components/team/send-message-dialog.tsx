import '../../styles/team.css';
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageMode } from '../../../../shared/coordination.js';
import { failedOutcome, sendMessages, type SendOutcome } from '../../api/team-actions.js';
import { useSessionsStore } from '../../stores/sessions-store.js';
import { useTeamStore } from '../../stores/team-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { Field } from '../field.js';
import { Modal } from '../modal.js';

const MODES: { mode: MessageMode; label: string; hint: string }[] = [
  { mode: 'sequential', label: 'Sequential', hint: 'when it is next idle at its prompt' },
  { mode: 'important', label: 'Important', hint: 'after its current work, ahead of sequential messages' },
  { mode: 'urgent', label: 'Urgent', hint: 'interrupts it now, then delivers' },
];

/** Open while the team store has targets (the batch bar's or the focused session's). */
export function SendMessageDialog() {
  const targets = useTeamStore((s) => s.messageTargets);
  return targets ? <DialogBody key={targets.join(',')} targets={targets} /> : null;
}

function DialogBody({ targets }: { targets: string[] }) {
  const close = useTeamStore((s) => s.closeMessage);
  const names = useSessionsStore(useShallow((s) => targets.map((id) => s.byId[id]?.name ?? id)));
  const [text, setText] = useState('');
  const [mode, setMode] = useState<MessageMode>('sequential');
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<SendOutcome[] | null>(null);
  const title = targets.length === 1 ? `Message ${names[0] ?? ''}` : `Message ${targets.length} sessions`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    const results = await sendMessages(targets, text, mode);
    setBusy(false);
    const failed = results.filter((r) => failedOutcome(r) !== null).length;
    if (failed === 0) {
      const n = results.length;
      useUiStore
        .getState()
        .notify(`Message (${mode}) to ${n} session${n === 1 ? '' : 's'}: ${byState(results)}`, 'info');
      close();
    } else setOutcomes(results);
  };

  return (
    <Modal title={title} onClose={close}>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <Field id="team-message" label="Message">
          <textarea
            id="team-message"
            rows={4}
            value={text}
            data-autofocus
            placeholder={targets.length === 1 ? 'What should this agent know?' : 'Sent to each selected agent'}
            onChange={(event) => setText(event.target.value)}
          />
        </Field>
        <fieldset className="team-modes">
          <legend>Delivery</legend>
          {MODES.map((m) => (
            <label key={m.mode} className="team-mode">
              <input
                type="radio"
                name="mode"
                value={m.mode}
                checked={mode === m.mode}
                onChange={() => setMode(m.mode)}
              />
              <strong>{m.label}</strong> <span className="muted">{m.hint}</span>
            </label>
          ))}
        </fieldset>
        {outcomes ? (
          <Outcomes outcomes={outcomes} names={Object.fromEntries(targets.map((id, i) => [id, names[i]]))} />
        ) : null}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={close}>
            {outcomes ? 'Done' : 'Cancel'}
          </button>
          <button type="submit" className="btn primary" disabled={busy || !text.trim()}>
            {busy ? 'Sending…' : outcomes ? 'Send again' : 'Send'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** "2 delivered, 1 queued": what became of a message that no target refused. */
function byState(outcomes: SendOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) if ('message' in o) counts.set(o.message.state, (counts.get(o.message.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
}

/** Each target's outcome once some failed: the failed ones with their error first. */
function Outcomes({ outcomes, names }: { outcomes: SendOutcome[]; names: Record<string, string | undefined> }) {
  const sorted = [...outcomes].sort((a, b) => Number(failedOutcome(b) !== null) - Number(failedOutcome(a) !== null));
  return (
    <ul className="team-outcomes" role="status" aria-label="Send results">
      {sorted.map((outcome) => {
        const error = failedOutcome(outcome);
        return (
          <li key={outcome.id} className={error ? 'failed' : 'ok'}>
            <strong>{names[outcome.id] ?? outcome.id}</strong>:{' '}
            {error ? `failed: ${error}` : 'message' in outcome ? outcome.message.state : ''}
          </li>
        );
      })}
    </ul>
  );
}
