import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../shared/contract.js';
import { engineHandlers } from '../api/engine-handlers.js';
import { useTestEngine } from '../test-support/test-engine.js';
import { waitFor } from '../test-support/wait-for.js';
import { bindElectronTransport, EVENT_CHANNEL, INVOKE_CHANNEL } from './electron-transport.js';

// Electron cannot be downloaded here: these stand in for its ipcMain and a window's webContents, with
// only what the transport uses. The engine, handlers and dispatch behind them are the real ones.

type Invoke = (event: IpcMainInvokeEvent, method: unknown, payload: unknown) => Promise<unknown>;

class StandInIpcMain {
  readonly handlers = new Map<string, Invoke>();
  handle(channel: string, listener: Invoke): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

class StandInContents extends EventEmitter {
  readonly sent: AnyEvent[] = [];
  private destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  send(channel: string, event: AnyEvent): void {
    if (channel === EVENT_CHANNEL) this.sent.push(event);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

const PAGE = 'file:///app/dist/renderer/index.html';
const engine = useTestEngine();

function bind() {
  const ipcMain = new StandInIpcMain();
  const handlers = engineHandlers(engine.tm.manager, { version: 'test', startedAt: 'now' });
  const trusted = new Set<StandInContents>();
  const unbind = bindElectronTransport(ipcMain as unknown as IpcMain, engine.tm.manager, handlers, {
    isTrusted: (contents, url) => trusted.has(contents as unknown as StandInContents) && url === PAGE,
  });
  const invoke = (contents: StandInContents, method: unknown, payload: unknown, url = PAGE) => {
    const handler = ipcMain.handlers.get(INVOKE_CHANNEL);
    if (!handler) throw new Error('no invoke handler bound');
    const event = { sender: contents, senderFrame: { url } } as unknown as IpcMainInvokeEvent;
    return handler(event, method, payload);
  };
  const window = (id: number) => {
    const contents = new StandInContents(id);
    trusted.add(contents);
    return contents;
  };
  return { ipcMain, invoke, window, unbind };
}

describe('the Electron transport', () => {
  it('answers a trusted window through the shared dispatch, and refuses others before any handler runs', async () => {
    const { invoke, window } = bind();
    const main = window(1);
    expect(await invoke(main, 'session.list', {})).toEqual({ ok: true, result: { sessions: [] } });
    expect(await invoke(main, 'session.nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await invoke(main, 'session.create', { repoPath: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Another page in our window, or a window we did not create: nothing is created.
    const create = { repoPath: engine.temp.repo, prompt: 'from elsewhere' };
    expect(await invoke(main, 'session.create', create, 'https://example.com/')).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(await invoke(new StandInContents(2), 'session.create', create)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(engine.tm.manager.list()).toEqual([]);
  });

  it('pushes engine events to every live window and stops at a destroyed one or after unbinding', async () => {
    const { invoke, window, ipcMain, unbind } = bind();
    const [first, second] = [window(1), window(2)];
    await invoke(first, 'session.list', {});
    await invoke(second, 'session.list', {});
    const created = (await invoke(first, 'session.create', { repoPath: engine.temp.repo, prompt: 'hello' })) as {
      result: { sessions: { id: string }[] };
    };
    const id = created.result.sessions[0]?.id;
    for (const contents of [first, second])
      await waitFor(() => contents.sent.some((e) => e.name === 'session.created' && e.payload.session.id === id), {
        what: `window ${contents.id} to hear of the new session`,
      });
    second.destroy();
    const heard = second.sent.length;
    engine.tm.manager.update(id!, { name: 'renamed' });
    await waitFor(() => first.sent.some((e) => e.name === 'session.updated' && e.payload.session.name === 'renamed'), {
      what: 'the rename to reach the live window',
    });
    expect(second.sent.length).toBe(heard);
    unbind();
    expect(ipcMain.handlers.has(INVOKE_CHANNEL)).toBe(false);
    const before = first.sent.length;
    engine.tm.manager.update(id!, { name: 'after unbind' });
    expect(first.sent.length).toBe(before);
  });
});
