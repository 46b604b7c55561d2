import WebSocket from 'ws';
import { ContractClient } from '../../shared/contract-client.js';
import type { AnyEvent } from '../../shared/contract.js';
import type { SessionManager } from '../engine/session-manager.js';
import { startHost, type HostOptions, type RunningHost } from '../host/host-server.js';
import { engineHandlers } from '../ipc/engine-handlers.js';

export interface TestClient {
  socket: WebSocket;
  client: ContractClient;
  events: AnyEvent[];
  /** All session.output data received so far, in order. */
  output(): string;
}

export function startTestHost(manager: SessionManager, options: Partial<HostOptions> = {}): Promise<RunningHost> {
  return startHost({
    manager,
    handlers: engineHandlers(manager, { version: 'test', startedAt: new Date().toISOString() }),
    ...options,
  });
}

/** A WebSocket contract client of `host`, recording every event it receives. */
export async function connectTestClient(
  host: RunningHost,
  headers: Record<string, string> = {},
  token = host.token,
): Promise<TestClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`, { headers });
  const client = new ContractClient(socket);
  const events: AnyEvent[] = [];
  let output = '';
  socket.on('message', (data) => client.receive(data.toString()));
  client.onAny((event) => {
    events.push(event);
    if (event.name === 'session.output') output += event.payload.data;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  return { socket, client, events, output: () => output };
}
