import { describe, expect, it } from 'vitest';
import { connectElectronApi, type FlotillaBridge } from './electron-api.js';

describe('connectElectronApi', () => {
  it('invokes through the bridge, validating results, typed errors and events like the WebSocket client', async () => {
    let emit: (event: { name: string; payload: unknown }) => void = () => {};
    const calls: [string, unknown][] = [];
    const bridge: FlotillaBridge = {
      invoke: async (method, payload) => {
        calls.push([method, payload]);
        if (method === 'session.get') return { ok: false, error: { code: 'NOT_FOUND', message: 'no session "x"' } };
        return { ok: true, result: { sessions: [] } };
      },
      on: (listener) => {
        emit = listener;
        return () => {};
      },
    };
    const api = connectElectronApi(bridge);
    expect(api.state).toBe('open');
    await expect(api.invoke('session.list', {})).resolves.toEqual({ sessions: [] });
    await expect(api.invoke('session.get', { id: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(calls).toEqual([
      ['session.list', {}],
      ['session.get', { id: 'x' }],
    ]);
    const removed: string[] = [];
    api.on('session.removed', ({ id }) => removed.push(id));
    emit({ name: 'session.removed', payload: { id: 'a' } });
    emit({ name: 'session.removed', payload: { wrong: true } });
    expect(removed).toEqual(['a']);
  });
});
