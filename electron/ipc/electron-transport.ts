import { randomUUID } from 'node:crypto';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AnyEvent } from '../../shared/contract.js';
import type { SessionManager } from '../engine/index.js';
import { ClientStreams } from '../api/client-streams.js';
import { dispatch, type Handlers } from '../api/dispatch.js';

export const INVOKE_CHANNEL = 'flotilla:invoke';
export const EVENT_CHANNEL = 'flotilla:event';

/**
 * The contract over Electron IPC: one invoke channel, sender checked (a window we created, showing our
 * own page), payload validated by the shared dispatcher, events pushed to every window.
 */
export function bindElectronTransport(
  ipcMain: IpcMain,
  manager: SessionManager,
  handlers: Handlers,
  trusted: { isTrusted(contents: WebContents, url: string): boolean },
): () => void {
  const clients = new Map<number, { contents: WebContents; streams: ClientStreams }>();

  function clientFor(contents: WebContents) {
    let client = clients.get(contents.id);
    if (!client) {
      const created = { contents, streams: new ClientStreams(randomUUID(), (id) => manager.outputFlow(id)) };
      clients.set(contents.id, created);
      contents.once('destroyed', () => {
        created.streams.dispose();
        clients.delete(contents.id);
      });
      client = created;
    }
    return client;
  }

  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, payload: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!trusted.isTrusted(event.sender, url)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'untrusted sender' } };
    }
    return dispatch(handlers, typeof method === 'string' ? method : '', payload, clientFor(event.sender).streams);
  });

  const unsubscribe = manager.subscribe((event: AnyEvent) => {
    for (const client of clients.values()) {
      if (!client.contents.isDestroyed() && client.streams.accepts(event)) client.contents.send(EVENT_CHANNEL, event);
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
