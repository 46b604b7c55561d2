import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../../shared/coordination.js';
import { useTeamStore } from './team-store.js';

const message = (id: number, patch: Partial<AgentMessage> = {}): AgentMessage => ({
  id,
  targetId: 'w1',
  senderId: 'em',
  senderName: 'em-main',
  text: `m${id}`,
  mode: 'sequential',
  state: 'queued',
  error: null,
  createdAt: '2026-01-01T00:00:00Z',
  settledAt: null,
  ...patch,
});

describe('team store: message lists', () => {
  beforeEach(() => useTeamStore.setState({ messages: {} }));

  it('keeps the lists of the sessions it loaded current: both the target and the sender', () => {
    const store = useTeamStore.getState();
    store.setMessages('w1', [message(1)]);
    store.setMessages('em', []);
    store.noteMessage(message(2, { mode: 'urgent' }));
    store.noteMessage(message(1, { state: 'delivered', settledAt: '2026-01-01T00:00:01Z' }));
    const { messages } = useTeamStore.getState();
    expect(messages.w1?.map((m) => [m.id, m.state])).toEqual([
      [1, 'delivered'],
      [2, 'queued'],
    ]);
    expect(messages.em?.map((m) => m.id)).toEqual([1, 2]);
    // A session whose details were never opened is not tracked.
    store.noteMessage(message(3, { targetId: 'w2' }));
    expect(useTeamStore.getState().messages.w2).toBeUndefined();
  });

  it('a settled message is not put back to queued by a list fetched before it settled', () => {
    const store = useTeamStore.getState();
    store.setMessages('w1', []);
    store.noteMessage(message(1, { state: 'failed', error: 'w1 was removed', settledAt: '2026-01-01T00:00:02Z' }));
    store.setMessages('w1', [message(1)]);
    expect(useTeamStore.getState().messages.w1?.[0]).toMatchObject({ state: 'failed', error: 'w1 was removed' });
  });
});
