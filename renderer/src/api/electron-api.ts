import { ContractClient, type SocketLike } from '../../../shared/contract-client.js';
import { ClientHub } from './client-hub.js';

/** What electron/preload.cts exposes on `window.flotilla`. */
export interface FlotillaBridge {
  invoke(method: string, payload: unknown): Promise<unknown>;
  on(listener: (event: { name: string; payload: unknown }) => void): () => void;
}

/**
 * The contract over Electron IPC. The bridge is wrapped as a socket of wire frames, so the same
 * ContractClient validates every payload, result and event as it does over the WebSocket.
 */
export function connectElectronApi(bridge: FlotillaBridge): ClientHub {
  const hub = new ClientHub();
  // `client` is created below; frames are only delivered later, after an invoke settles or an event arrives.
  const deliver = (frame: unknown) => client.receive(JSON.stringify(frame));
  const socket: SocketLike = {
    send(data) {
      const request = JSON.parse(data) as { id: number; method: string; payload: unknown };
      bridge.invoke(request.method, request.payload).then(
        (outcome) => deliver({ t: 'res', id: request.id, ...(outcome as object) }),
        (error: unknown) =>
          deliver({ t: 'res', id: request.id, ok: false, error: { code: 'INTERNAL', message: String(error) } }),
      );
    },
    close() {},
  };
  const client = new ContractClient(socket);
  bridge.on((event) => deliver({ t: 'evt', name: event.name, payload: event.payload }));
  hub.attach(client);
  return hub;
}
