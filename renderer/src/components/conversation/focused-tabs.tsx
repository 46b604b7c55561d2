import { useConversationStore, type FocusedTab } from '../../stores/conversation-store.js';

const TABS: { id: FocusedTab; label: string }[] = [
  { id: 'terminal', label: 'Terminal' },
  { id: 'conversation', label: 'Conversation' },
];

/** Terminal | Conversation: what the focused view shows beside the session's details. */
export function FocusedTabs() {
  const tab = useConversationStore((s) => s.tab);
  return (
    <div className="focused-tabs" role="tablist" aria-label="Session view">
      {TABS.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          className={`focused-tab${tab === id ? ' active' : ''}`}
          onClick={() => useConversationStore.getState().setTab(id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
