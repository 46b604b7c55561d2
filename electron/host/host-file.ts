import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const HostFile = z.object({
  port: z.number().int(),
  host: z.string(),
  token: z.string(),
  pid: z.number().int(),
  url: z.string(),
  startedAt: z.string(),
});
export type HostFile = z.infer<typeof HostFile>;

export function hostFilePath(dataDir: string): string {
  return path.join(dataDir, 'host.json');
}

/** Written with mode 0600: the token in it is the key to every session. */
export async function writeHostFile(dataDir: string, info: HostFile): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = hostFilePath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(info, null, 2), { mode: 0o600 });
  await rename(tmp, file);
}

export async function readHostFile(dataDir: string): Promise<HostFile | undefined> {
  try {
    return HostFile.parse(JSON.parse(await readFile(hostFilePath(dataDir), 'utf8')));
  } catch {
    return undefined;
  }
}

/**
 * Removes host.json only if it still names this process. A host that died leaves it behind; that is
 * harmless, as the data dir's lock (host-lock.ts), not this file, decides whether a host runs.
 */
export async function removeHostFile(dataDir: string, pid = process.pid): Promise<void> {
  const current = await readHostFile(dataDir);
  if (current?.pid === pid) await rm(hostFilePath(dataDir), { force: true });
}
