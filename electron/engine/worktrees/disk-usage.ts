import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface DiskUse {
  bytes: number;
  files: number;
}

/** Space a folder takes on disk (allocated blocks, like `du`), symlinks not followed. Unreadable parts are skipped. */
export async function diskUsage(dir: string): Promise<DiskUse> {
  const total: DiskUse = { bytes: 0, files: 0 };
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
      total.bytes += (await lstat(current)).blocks * 512;
    } catch {
      continue;
    }
    const stats = await Promise.all(
      entries
        .filter((entry) => !entry.isDirectory())
        .map((entry) => lstat(path.join(current, entry.name)).catch(() => undefined)),
    );
    for (const stat of stats) {
      if (!stat) continue;
      total.bytes += stat.blocks * 512;
      total.files++;
    }
    for (const entry of entries) if (entry.isDirectory()) pending.push(path.join(current, entry.name));
  }
  return total;
}
