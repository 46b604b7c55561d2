import { describe, expect, it } from 'vitest';
import { ContractClient } from '../../../shared/contract-client.js';
import { ClientHub } from './client-hub.js';

function socketPair() {
  const sent: string[] = [];
  const client = new ContractClient({ send: (data) => void sent.push(data), close: () => {} });
  return { client, sent };
}

describe('ClientHub', () => {
  it('keeps listeners across connections and reports every state change', async () => {
    const hub = new ClientHub();
    const states: string[] = [];
    const removed: string[] = [];
    hub.onState((state) => states.push(state));
    hub.on('session.removed', ({ id }) => removed.push(id));

    const first = socketPair();
    hub.attach(first.client);
    first.client.receive(JSON.stringify({ t: 'evt', name: 'session.removed', payload: { id: 'a' } }));
    const pending = hub.invoke('session.list', {});
    hub.detach(first.client, 'lost');
    await expect(pending).rejects.toThrow('lost');
    await expect(hub.invoke('session.list', {})).rejects.toThrow(/not connected/);

    const second = socketPair();
    hub.attach(second.client);
    second.client.receive(JSON.stringify({ t: 'evt', name: 'session.removed', payload: { id: 'b' } }));
    first.client.receive(JSON.stringify({ t: 'evt', name: 'session.removed', payload: { id: 'stale' } }));
    expect(removed).toEqual(['a', 'b']);
    expect(states).toEqual(['open', 'closed', 'open']);
  });
});
