import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isSameProcessAlive } from '../engine/process-tree.js';

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

/** A host that died without cleaning up leaves its host.json behind; a zombie counts as dead. */
export async function isHostAlive(pid: number): Promise<boolean> {
  return isSameProcessAlive(pid, null);
}

/** Removes host.json only if it still names this process (another host may have replaced it). */
export async function removeHostFile(dataDir: string, pid = process.pid): Promise<void> {
  const current = await readHostFile(dataDir);
  if (current?.pid === pid) await rm(hostFilePath(dataDir), { force: true });
}
