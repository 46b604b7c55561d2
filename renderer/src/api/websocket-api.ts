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
  let timer: ReturnType<typeof setTimeout> | undefined;
  let socket: WebSocket | undefined;

  function connect(): void {
    timer = undefined;
    if (hub.state !== 'refused') hub.setState('connecting');
    const current = new WebSocket(url);
    socket = current;
    const client = new ContractClient(current);
    let opened = false;
    current.onmessage = (message) => {
      if (typeof message.data === 'string') client.receive(message.data);
    };
    current.onopen = () => {
      opened = true;
      attempt = 0;
      hub.attach(client);
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = undefined;
      hub.detach(client, 'the connection to the Flotilla host was lost');
      void settle(opened);
      timer = setTimeout(connect, reconnectDelay(attempt++));
    };
  }

  /**
   * A browser does not say why a WebSocket upgrade failed: a plain request with the same token tells a
   * host that is down (no answer) from one that refuses the token (401, e.g. restarted with a new one).
   */
  async function settle(opened: boolean): Promise<void> {
    let refused = false;
    if (!opened) {
      const probe = new URL(url);
      probe.protocol = probe.protocol === 'wss:' ? 'https:' : 'http:';
      probe.pathname = '/';
      refused = await fetch(probe, { cache: 'no-store', credentials: 'same-origin' }).then(
        (response) => response.status === 401,
        () => false,
      );
    }
    // A newer attempt may have opened while the probe was out: that one wins.
    if (hub.state !== 'open') hub.setState(refused ? 'refused' : 'closed');
  }

  hub.retryNow = () => {
    if (timer === undefined) return; // a connection attempt is under way
    clearTimeout(timer);
    attempt = 0;
    connect();
  };
  // Back on the network, or back to the tab: no need to wait out the backoff.
  globalThis.addEventListener?.('online', () => hub.retryNow?.());
  connect();
  return hub;
}
