import { create } from 'zustand';
import type { AgentMessage, SessionLock } from '../../../shared/coordination.js';

/**
 * Coordination as the dashboard sees it: each open session's messages (sent and received, loaded when its
 * details open, then kept current by `message.changed`), the locks held (`lock.changed`), and the sessions
 * the Send message dialog is open for.
 */
interface TeamState {
  /** Messages by session id, oldest first; only sessions whose list was loaded are kept current. */
  messages: Record<string, AgentMessage[]>;
  locks: SessionLock[];
  /** Sessions to send a message to (the dialog is open), null when closed. */
  messageTargets: string[] | null;
  setMessages(id: string, loaded: AgentMessage[]): void;
  noteMessage(message: AgentMessage): void;
  forget(id: string): void;
  setLocks(locks: SessionLock[]): void;
  openMessage(ids: string[]): void;
  closeMessage(): void;
}

/** The later of two versions of one message: a settled one (delivered, failed) wins over queued. */
function later(a: AgentMessage, b: AgentMessage): AgentMessage {
  if (a.state !== 'queued' && b.state === 'queued') return a;
  if (b.state !== 'queued' && a.state === 'queued') return b;
  return (b.settledAt ?? '') >= (a.settledAt ?? '') ? b : a;
}

/** `list` with `message` put in (replacing its older version), kept in id order (ids grow with time). */
export function withMessage(list: readonly AgentMessage[], message: AgentMessage): AgentMessage[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index >= 0) return list.map((m, i) => (i === index ? later(m, message) : m));
  return [...list, message].sort((a, b) => a.id - b.id);
}

export const useTeamStore = create<TeamState>()((set) => ({
  messages: {},
  locks: [],
  messageTargets: null,
  // An event may have arrived while the list was being fetched: it is merged in, not lost.
  setMessages: (id, loaded) =>
    set((state) => ({ messages: { ...state.messages, [id]: (state.messages[id] ?? []).reduce(withMessage, loaded) } })),
  noteMessage: (message) =>
    set((state) => {
      const keys = [message.targetId, message.senderId].filter((k): k is string => !!k && k in state.messages);
      if (keys.length === 0) return state;
      const messages = { ...state.messages };
      for (const key of keys) messages[key] = withMessage(messages[key] ?? [], message);
      return { messages };
    }),
  forget: (id) =>
    set((state) => {
      if (!(id in state.messages)) return state;
      const { [id]: _gone, ...messages } = state.messages;
      return { messages };
    }),
  setLocks: (locks) => set({ locks }),
  openMessage: (ids) => set({ messageTargets: ids.length ? ids : null }),
  closeMessage: () => set({ messageTargets: null }),
}));
