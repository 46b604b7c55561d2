import { secureDataDir } from '../data-dir.js';
import { readHostFile } from '../host/host-file.js';
import { loadToken, rotateToken, tokenPath } from '../host/host-identity.js';

/**
 * `flotilla token [--rotate]`: the data directory's token, which every host start on it reuses (so an
 * open tab reconnects). It works without a running host. A rotated token takes effect at the host's
 * next start; until then the running host keeps accepting the old one.
 */
export async function runToken(dataDir: string, rotate: boolean, out: (text: string) => void): Promise<void> {
  await secureDataDir(dataDir);
  if (!rotate) {
    out(await loadToken(dataDir));
    return;
  }
  const token = await rotateToken(dataDir);
  out(token);
  const running = await readHostFile(dataDir);
  const restart = running
    ? `the host running now (pid ${running.pid}) keeps the old token until it restarts; restart it to revoke the old one`
    : 'the next host start uses it';
  process.stderr.write(`new token written to ${tokenPath(dataDir)}; ${restart}\n`);
}
