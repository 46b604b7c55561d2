import type { PromptQuestion, Session } from '../../../shared/session.js';
import { sessionActions } from '../api/session-actions.js';
import { useAttentionStore } from '../stores/attention-store.js';
import { useUiStore } from '../stores/ui-store.js';
import '../styles/question-panel.css';

/** The agent's question with its options; answering here needs no terminal. */
export function QuestionPanel({ session }: { session: Session }) {
  const question = session.question;
  const note = useAttentionStore((s) => s.notes[session.id]);
  if (session.status !== 'waiting' || !question) return null;
  if (question.kind === 'sign-in' || question.kind === 'error')
    return <StuckPanel session={session} question={question} />;
  const options = question.options;
  if (question.kind === 'setup') return <SetupPanel session={session} question={question} note={note} />;
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

/** A sign-in screen or an error the agent stopped on is no question to approve: say what it needs and where to do it. */
function StuckPanel({ session, question }: { session: Session; question: PromptQuestion }) {
  const signIn = question.kind === 'sign-in';
  return (
    <div
      className={`question ${signIn ? 'sign-in' : 'agent-error'}`}
      role="group"
      aria-label={`${signIn ? 'Sign-in needed by' : 'Error in'} ${session.name}`}
    >
      <p className="question-text">{signIn ? 'Needs sign-in' : question.text}</p>
      <p className="question-hint">{question.hint ?? `${session.provider}: ${question.text}`}</p>
      <div className="question-actions">
        <button type="button" className="btn primary" onClick={() => useUiStore.getState().focus(session.id)}>
          Open terminal
        </button>
      </div>
    </div>
  );
}

/** A setup choice (an API key to use, a theme): the user picks an option by its own words; auto-yes never does. */
function SetupPanel({
  session,
  question,
  note,
}: {
  session: Session;
  question: PromptQuestion;
  note: string | undefined;
}) {
  return (
    <div className="question setup" role="group" aria-label={`Setup question from ${session.name}`}>
      <p className="question-text">{question.text}</p>
      <p className="question-hint">{question.hint ?? 'A setup question: only you answer it (auto-yes leaves it).'}</p>
      {note ? <p className="question-note">{note}</p> : null}
      <div className="question-actions">
        {question.options.map((option, index) => (
          <button
            key={option}
            type="button"
            className="btn question-option"
            title={`Answer "${option}"`}
            onClick={() => void sessionActions.choose(session.id, index + 1)}
          >
            {option}
          </button>
        ))}
      </div>
    </div>
  );
}
