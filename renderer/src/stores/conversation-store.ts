import { create } from 'zustand';
import type { AgentEvent } from '../../../shared/agent-events.js';

export type FocusedTab = 'terminal' | 'conversation';

/**
 * The focused view's tab, and the typed events of the sessions whose Conversation tab is open (only
 * those: a session's events are dropped when its tab closes, so the store never grows with the grid).
 */
interface ConversationState {
  tab: FocusedTab;
  byId: Record<string, AgentEvent[]>;
  setTab(tab: FocusedTab): void;
  /** Adds events in seq order, skipping any already held (a push and a load can overlap). */
  add(id: string, events: AgentEvent[]): void;
  drop(id: string): void;
}

export const useConversationStore = create<ConversationState>()((set) => ({
  tab: 'terminal',
  byId: {},
  setTab: (tab) => set({ tab }),
  add: (id, events) =>
    set((state) => {
      const held = state.byId[id] ?? [];
      const last = held.at(-1)?.seq ?? 0;
      const fresh = events.filter((e) => e.seq > last);
      if (fresh.length === 0 && state.byId[id]) return state;
      return { byId: { ...state.byId, [id]: [...held, ...fresh] } };
    }),
  drop: (id) =>
    set((state) => {
      const { [id]: _gone, ...rest } = state.byId;
      return { byId: rest };
    }),
}));

/** Every event after the last one held, page by page. */
export async function loadConversation(invoke: (after: number) => Promise<AgentEvent[]>, id: string): Promise<void> {
  for (;;) {
    const after = useConversationStore.getState().byId[id]?.at(-1)?.seq ?? 0;
    const events = await invoke(after);
    useConversationStore.getState().add(id, events);
    if (events.length < 1000) return;
  }
}
