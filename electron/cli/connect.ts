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

export interface ConnectOptions {
  /** --data-dir was given: that host, even inside an agent's session. */
  dataDirGiven?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Connects to a host. Inside an agent's session (FLOTILLA_URL and FLOTILLA_TOKEN set by its host) that is the
 * session's host, with the session's credential; otherwise the host serving `dataDir`, found through its
 * host.json, with the user's token.
 */
export async function connect(dataDir: string, options: ConnectOptions = {}): Promise<ContractClient> {
  const env = options.env ?? process.env;
  const url = env.FLOTILLA_URL;
  const credential = env.FLOTILLA_TOKEN;
  if (url && credential && !options.dataDirGiven) {
    return open(url, credential, {
      gone: `the Flotilla host this session belongs to is not running (${url})`,
      refused: (status) =>
        `the Flotilla host at ${url} refused this session's credential (HTTP ${status}): the session was removed, ` +
        `or the host's token was rotated since it started (or pass --data-dir to use the user's token)`,
    });
  }
  const info = await readHostFile(dataDir);
  const notRunning = `no Flotilla host is running for ${dataDir}; start one with \`flotilla serve\` (or pass --data-dir / set FLOTILLA_HOME)`;
  if (!info) throw new CliError(notRunning);
  const host = info.host.includes(':') ? `[${info.host}]` : info.host;
  return open(`ws://${host}:${info.port}/ws`, info.token, {
    gone: notRunning,
    refused: (status) =>
      `the host at ${info.host}:${info.port} refused the connection (HTTP ${status}); host.json may be stale`,
  });
}

async function open(
  url: string,
  token: string,
  say: { gone: string; refused(status: number | undefined): string },
): Promise<ContractClient> {
  let socket: WebSocket;
  try {
    socket = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new CliError(`${say.gone} (${error instanceof Error ? error.message : String(error)})`);
  }
  const client = new ContractClient(socket);
  socket.on('message', (data) => client.receive(data.toString()));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', (error) => reject(new CliError(`${say.gone} (${error.message})`)));
    socket.once('unexpected-response', (req, res) => {
      req.destroy(); // ws leaves the refused request to whoever listens for it
      reject(new CliError(say.refused(res.statusCode)));
    });
  });
  socket.on('close', (code, reason) =>
    client.fail({ code: 'INTERNAL', message: `connection to host closed (${code} ${reason.toString()})` }),
  );
  return client;
}
