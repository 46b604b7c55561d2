import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newToken } from './auth.js';

/**
 * What an open dashboard tab needs to reconnect after the host restarts: the same token and the same
 * port. Both are kept in the data directory (0700); the token file is 0600 like host.json.
 */

export function tokenPath(dataDir: string): string {
  return path.join(dataDir, 'token');
}

function lastPortPath(dataDir: string): string {
  return path.join(dataDir, 'last-port');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,}$/;

async function readToken(dataDir: string): Promise<string | undefined> {
  try {
    const token = (await readFile(tokenPath(dataDir), 'utf8')).trim();
    return TOKEN_SHAPE.test(token) ? token : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeToken(dataDir: string, token: string): Promise<void> {
  const file = tokenPath(dataDir);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${token}\n`, { mode: 0o600 });
  await rename(tmp, file);
}

/** The data directory's token, made on first use. */
export async function loadToken(dataDir: string): Promise<string> {
  const existing = await readToken(dataDir);
  if (existing) {
    await chmod(tokenPath(dataDir), 0o600);
    return existing;
  }
  const token = newToken();
  await writeToken(dataDir, token);
  return token;
}

/** A new token; a host takes it at its next start (a running one keeps the token it started with). */
export async function rotateToken(dataDir: string): Promise<string> {
  const token = newToken();
  await writeToken(dataDir, token);
  return token;
}

export async function readLastPort(dataDir: string): Promise<number | undefined> {
  try {
    const port = Number((await readFile(lastPortPath(dataDir), 'utf8')).trim());
    return Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined;
  } catch {
    return undefined;
  }
}

export async function writeLastPort(dataDir: string, port: number): Promise<void> {
  await writeFile(lastPortPath(dataDir), `${port}\n`, { mode: 0o600 });
}
