import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api/api-instance.js';
import { loadConversation, useConversationStore } from '../../stores/conversation-store.js';
import { useSessionsStore } from '../../stores/sessions-store.js';
import { conversationItems, itemMatches } from './conversation-items.js';
import { shortPath, ToolCallRow } from './tool-call-row.js';
import '../../styles/conversation.css';

const NO_EVENTS: never[] = [];

/** Keeps the session's events in the store while the tab is open: loaded on open and on every reconnection, then pushed. */
function useSessionEvents(sessionId: string) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const client = api();
    const store = useConversationStore.getState();
    const load = () =>
      loadConversation(
        async (after) => (await client.invoke('session.agentEvents', { id: sessionId, after })).events,
        sessionId,
      ).then(
        () => setError(null),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    const offs = [
      client.on('session.agentEvent', ({ id, events }) => {
        if (id === sessionId) store.add(id, events);
      }),
      client.onState((state) => {
        if (state === 'open') void load();
      }),
    ];
    if (client.state === 'open') void load();
    return () => {
      offs.forEach((off) => off());
      useConversationStore.getState().drop(sessionId);
    };
  }, [sessionId]);
  return error;
}

/** The session's conversation: messages and tool calls in order, searchable; each tool call expands. */
export function ConversationPane({ sessionId }: { sessionId: string }) {
  const error = useSessionEvents(sessionId);
  const events = useConversationStore((s) => s.byId[sessionId] ?? NO_EVENTS);
  const root = useSessionsStore((s) => s.byId[sessionId]?.worktreePath);
  const [query, setQuery] = useState('');
  const [expandAll, setExpandAll] = useState(false);
  const items = useMemo(() => conversationItems(events), [events]);
  const shown = useMemo(() => items.filter((item) => itemMatches(item, query)), [items, query]);
  const listRef = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);

  // Follows new events while the list is scrolled to its end; a reader scrolled up stays where they are.
  useEffect(() => {
    const list = listRef.current;
    if (list && pinned.current) list.scrollTop = list.scrollHeight;
  }, [shown.length]);

  return (
    <section className="conversation-pane" aria-label="Conversation">
      <div className="terminal-tools">
        <input
          type="search"
          aria-label="Search the conversation"
          placeholder="Search the conversation…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" className="btn small" aria-pressed={expandAll} onClick={() => setExpandAll(!expandAll)}>
          {expandAll ? 'Collapse all' : 'Expand all'}
        </button>
        <span className="muted small terminal-hint">
          {query ? `${shown.length} of ${items.length}` : `${items.length} ${items.length === 1 ? 'entry' : 'entries'}`}
        </span>
      </div>
      {error && <p className="convo-empty error-text">Could not load the conversation: {error}</p>}
      {!error && items.length === 0 && (
        <p className="convo-empty muted">
          Nothing yet. Messages and tool calls appear here as the agent writes its transcript (Claude Code, Codex and
          the demo agent; other agents show their terminal only).
        </p>
      )}
      <ol
        className="convo-list"
        ref={listRef}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {shown.map((item) => (
          <li key={`${item.key}-${expandAll ? 'open' : 'closed'}`} className={`convo-item convo-row-${item.type}`}>
            {item.type === 'tool' ? (
              <ToolCallRow item={item} open={expandAll} root={root} />
            ) : item.type === 'message' ? (
              <div className={`convo-message convo-${item.event.kind === 'message.user' ? 'user' : 'assistant'}`}>
                <div className="convo-who">
                  {item.event.kind === 'message.user' ? 'You' : 'Agent'}
                  <time className="convo-time">{new Date(item.event.at).toLocaleTimeString()}</time>
                </div>
                <div className="convo-text">{item.event.text}</div>
              </div>
            ) : (
              <div className="convo-file">
                {item.event.kind.replace('file.', '')}{' '}
                <code title={item.event.path ?? ''}>{shortPath(item.event.path, root)}</code>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
