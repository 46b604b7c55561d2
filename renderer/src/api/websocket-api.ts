import { ContractClient } from '../../../shared/contract-client.js';
import { reconnectDelay } from './backoff.js';
import { ClientHub } from './client-hub.js';

/**
 * The contract over the host's WebSocket, reconnecting with backoff. Each connection gets a fresh
 * ContractClient; listeners registered on the returned hub stay.
 */
export function connectWebSocketApi(url: string): ClientHub {
  const hub = new ClientHub();
  let attempt = 0;

  function connect(): void {
    hub.setState('connecting');
    const socket = new WebSocket(url);
    const client = new ContractClient(socket);
    socket.onmessage = (message) => {
      if (typeof message.data === 'string') client.receive(message.data);
    };
    socket.onopen = () => {
      attempt = 0;
      hub.attach(client);
    };
    socket.onclose = () => {
      hub.detach(client, 'the connection to the Flotilla host was lost');
      hub.setState('closed');
      setTimeout(connect, reconnectDelay(attempt++));
    };
  }

  connect();
  return hub;
}
