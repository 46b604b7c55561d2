import WebSocket from 'ws';
import { ContractClient } from '../../shared/contract-client.js';
import type { AnyEvent } from '../../shared/contract.js';
import type { SessionManager } from '../engine/session-manager.js';
import { startHost, type HostOptions, type RunningHost } from '../host/host-server.js';
import { engineHandlers } from '../api/engine-handlers.js';

export interface TestClient {
  socket: WebSocket;
  client: ContractClient;
  /** Every event received so far (empty when connected with `record: false`). */
  events: AnyEvent[];
  /** All session.output data received so far, in order (empty when connected with `record: false`). */
  output(): string;
  /** Characters of session.output received so far, recorded or not. */
  outputChars(): number;
}

/** Where a client connects: an in-process RunningHost or a host in another process. */
export type HostAddress = Pick<RunningHost, 'port' | 'token'>;

export function startTestHost(manager: SessionManager, options: Partial<HostOptions> = {}): Promise<RunningHost> {
  return startHost({
    manager,
    handlers: engineHandlers(manager, { version: 'test', startedAt: new Date().toISOString() }),
    ...options,
  });
}

/**
 * A WebSocket contract client of `host`, recording every event it receives. With `record: false` it
 * keeps nothing (a client of a long flood), and only counts output; listen with `client.on` instead.
 */
export async function connectTestClient(
  host: HostAddress,
  headers: Record<string, string> = {},
  token = host.token,
  { record = true }: { record?: boolean } = {},
): Promise<TestClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`, { headers });
  const client = new ContractClient(socket);
  const events: AnyEvent[] = [];
  let output = '';
  let chars = 0;
  socket.on('message', (data) => client.receive(data.toString()));
  client.onAny((event) => {
    if (event.name === 'session.output') chars += event.payload.data.length;
    if (!record) return;
    events.push(event);
    if (event.name === 'session.output') output += event.payload.data;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  return { socket, client, events, output: () => output, outputChars: () => chars };
}

/** Stops reading the client's socket (the host's sends pile up unread), or reads again. */
export function setReading(client: TestClient, reading: boolean): void {
  const raw = (client.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  if (reading) raw.resume();
  else raw.pause();
}
