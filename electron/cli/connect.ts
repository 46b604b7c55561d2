import WebSocket from 'ws';
import { ContractClient } from '../../shared/contract-client.js';
import { readHostFile } from '../host/host-file.js';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Connects to the host serving `dataDir`, found through its host.json. */
export async function connect(dataDir: string): Promise<ContractClient> {
  const info = await readHostFile(dataDir);
  const notRunning = `no Flotilla host is running for ${dataDir}; start one with \`flotilla serve\` (or pass --data-dir / set FLOTILLA_HOME)`;
  if (!info) throw new CliError(notRunning);
  const host = info.host.includes(':') ? `[${info.host}]` : info.host;
  const socket = new WebSocket(`ws://${host}:${info.port}/ws`, { headers: { Authorization: `Bearer ${info.token}` } });
  const client = new ContractClient(socket);
  socket.on('message', (data) => client.receive(data.toString()));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', (error) => reject(new CliError(`${notRunning} (${error.message})`)));
    socket.once('unexpected-response', (_req, res) =>
      reject(new CliError(`the host at ${info.host}:${info.port} refused the connection (HTTP ${res.statusCode}); host.json may be stale`)),
    );
  });
  socket.on('close', (code, reason) => client.fail({ code: 'INTERNAL', message: `connection to host closed (${code} ${reason.toString()})` }));
  return client;
}
