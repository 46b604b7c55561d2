import type { Session } from '../../../shared/session.js';
import { sessionActions } from '../api/session-actions.js';
import { useAttentionStore } from '../stores/attention-store.js';
import '../styles/question-panel.css';

/** The agent's question with its options; answering here needs no terminal. */
export function QuestionPanel({ session }: { session: Session }) {
  const question = session.question;
  const note = useAttentionStore((s) => s.notes[session.id]);
  if (session.status !== 'waiting' || !question) return null;
  const options = question.options;
  // The options between the first (Approve) and the last (Deny), e.g. "Yes, and don't ask again"; option
  // numbers are 1-based, so the first of them is option 2.
  const middle = options.slice(1, -1);
  return (
    <div className="question" role="group" aria-label={`Question from ${session.name}`}>
      <p className="question-text">{question.text}</p>
      {note ? <p className="question-note">{note}</p> : null}
      <div className="question-actions">
        <button
          type="button"
          className="btn primary"
          title={options[0] ? `Answer "${options[0]}"` : undefined}
          onClick={() => void sessionActions.approve(session.id)}
        >
          Approve
        </button>
        {middle.map((option, index) => (
          <button
            key={option}
            type="button"
            className="btn question-option"
            title={`Answer "${option}"`}
            onClick={() => void sessionActions.choose(session.id, index + 2)}
          >
            {option}
          </button>
        ))}
        <button
          type="button"
          className="btn"
          title={options.at(-1) ? `Answer "${options.at(-1)}"` : undefined}
          onClick={() => void sessionActions.deny(session.id)}
        >
          Deny
        </button>
      </div>
    </div>
  );
}
