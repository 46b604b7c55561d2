import '../../styles/team.css';
import { useEffect, useState } from 'react';
import type { AgentMessage } from '../../../../shared/coordination.js';
import { api } from '../../api/api-instance.js';
import { errorMessage } from '../../api/errors.js';
import { useSessionsStore } from '../../stores/sessions-store.js';
import { useTeamStore } from '../../stores/team-store.js';
import { RelativeTime } from '../relative-time.js';

const SHOWN = 30;
const EMPTY: AgentMessage[] = [];

/**
 * The session's messages, sent and received, newest first: who to whom, mode, state (a failed one with its
 * error) and when. Loaded when shown, then kept current by the host's `message.changed` events.
 */
export function MessagesTimeline({ id }: { id: string }) {
  const messages = useTeamStore((s) => s.messages[id] ?? EMPTY);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api()
      .invoke('message.list', { id })
      .then(
        (result) => current && useTeamStore.getState().setMessages(id, result.messages),
        (e: unknown) => current && setError(errorMessage(e)),
      );
    return () => {
      current = false;
    };
  }, [id]);
  const newest = messages.slice(-SHOWN).reverse();
  const earlier = messages.length - newest.length;
  return (
    <details className="history team-messages" open>
      <summary>
        Messages{messages.length ? ` (${messages.length})` : ''}
        <button
          type="button"
          className="link team-send"
          onClick={(event) => {
            event.preventDefault();
            useTeamStore.getState().openMessage([id]);
          }}
        >
          Send message…
        </button>
      </summary>
      {error ? <p className="muted small">Messages unavailable: {error}</p> : null}
      {!error && messages.length === 0 ? <p className="muted small">No messages yet.</p> : null}
      <ol aria-label="Messages">
        {newest.map((message) => (
          <MessageItem key={message.id} message={message} self={id} />
        ))}
      </ol>
      {earlier > 0 ? <p className="muted small">and {earlier} earlier</p> : null}
    </details>
  );
}

function MessageItem({ message, self }: { message: AgentMessage; self: string }) {
  const received = message.targetId === self;
  const target = useSessionsStore((s) => s.byId[message.targetId]?.name ?? message.targetId.slice(0, 8));
  return (
    <li className={`team-message state-${message.state}`} data-state={message.state}>
      <div className="team-message-head">
        <span className="team-direction">{received ? `← from ${message.senderName}` : `→ to ${target}`}</span>
        <span className={`team-chip mode-${message.mode}`}>{message.mode}</span>
        <span className={`team-chip state-${message.state}`}>{message.state}</span>
        <RelativeTime iso={message.settledAt ?? message.createdAt} />
      </div>
      <div className="team-message-text">{message.text}</div>
      {message.state === 'failed' && message.error ? <div className="team-message-error">{message.error}</div> : null}
    </li>
  );
}
