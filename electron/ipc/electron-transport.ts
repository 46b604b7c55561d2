import { randomUUID } from 'node:crypto';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AnyEvent } from '../../shared/contract.js';
import type { SessionManager } from '../engine/session-manager.js';
import { dispatch, type ClientContext, type Handlers } from './dispatch.js';

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
  const clients = new Map<number, ClientContext & { following: Set<string>; contents: WebContents }>();

  function clientFor(contents: WebContents) {
    let client = clients.get(contents.id);
    if (!client) {
      const following = new Set<string>();
      client = {
        id: randomUUID(),
        contents,
        following,
        follow: (id: string) => following.add(id),
        unfollow: (id: string) => following.delete(id),
      };
      clients.set(contents.id, client);
      contents.once('destroyed', () => clients.delete(contents.id));
    }
    return client;
  }

  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, payload: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!trusted.isTrusted(event.sender, url)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'untrusted sender' } };
    }
    return dispatch(handlers, typeof method === 'string' ? method : '', payload, clientFor(event.sender));
  });

  const unsubscribe = manager.subscribe((event: AnyEvent) => {
    for (const client of clients.values()) {
      if (client.contents.isDestroyed()) continue;
      if (event.name === 'session.output' && !client.following.has(event.payload.id)) continue;
      client.contents.send(EVENT_CHANNEL, event);
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
