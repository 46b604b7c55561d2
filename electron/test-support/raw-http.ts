import net from 'node:net';

export interface RawAnswer {
  /** The status code of the first response line, if one came. */
  status?: number;
  /** Everything the host sent before closing or the timeout. */
  text: string;
}

/**
 * Sends raw bytes to 127.0.0.1:port (a request no HTTP client would build) and reads what comes back
 * until the host closes, the first response is complete enough to have a status, or `timeoutMs`.
 * With `abortAfterWrite` the connection is reset right after writing, as a vanishing client does.
 */
export function rawRequest(
  port: number,
  bytes: string | Buffer,
  { timeoutMs = 2000, abortAfterWrite = false }: { timeoutMs?: number; abortAfterWrite?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let text = '';
    let done = false;
    const socket = net.connect(port, '127.0.0.1');
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve(match ? { status: Number(match[1]), text } : { text });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('connect', () => {
      socket.write(bytes);
      if (abortAfterWrite) socket.resetAndDestroy();
    });
    socket.on('data', (data: Buffer) => {
      text += data.toString('latin1');
      if (/^HTTP\/1\.[01] \d{3}/.test(text) && text.includes('\r\n\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

/** A well-formed request line and headers around `target`, for the reproductions. */
export function rawGet(target: string, headers: Record<string, string> = { Host: '127.0.0.1' }): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}
