import path from 'node:path';
import WebSocket from 'ws';
import { ContractClient } from '../shared/contract-client.js';
import type { SessionManager } from '../electron/engine/index.js';
import { startHost, type RunningHost } from '../electron/host/host-server.js';
import { engineHandlers } from '../electron/api/engine-handlers.js';
import { packageRoot } from '../electron/package-root.js';

export interface BenchClient {
  client: ContractClient;
  /** Called with every output chunk and the time it arrived. */
  onOutput(listener: (id: string, data: string, at: number) => void): () => void;
  close(): void;
}

/** The engine behind a real host (serving the dashboard build), and a WebSocket client of it: figures include the transport. */
export async function benchHost(
  manager: SessionManager,
): Promise<{ host: RunningHost; connect(): Promise<BenchClient> }> {
  const host = await startHost({
    manager,
    handlers: engineHandlers(manager, { version: 'bench', startedAt: new Date().toISOString() }),
    staticDir: path.join(packageRoot(), 'dist', 'renderer'),
  });
  return {
    host,
    async connect() {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
      const client = new ContractClient(socket);
      const listeners = new Set<(id: string, data: string, at: number) => void>();
      socket.on('message', (data) => client.receive(data.toString()));
      client.on('session.output', ({ id, data }) => {
        const at = performance.now();
        for (const listener of listeners) listener(id, data, at);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      return {
        client,
        onOutput: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close: () => socket.close(),
      };
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` holds, at most `timeoutMs`. */
export async function until(probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('bench: timed out waiting for a condition');
    await sleep(2);
  }
}
