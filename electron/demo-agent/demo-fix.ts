import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the demo agent "fixes": files holding this marker (an e2e validator rejects any file containing it). */
export const DEMO_BUG_MARKER = 'BUG';

/** A message from Flotilla about failing validators (electron/engine/validation/validation-report.ts). */
export function asksToFixValidators(prompt: string): boolean {
  return /validators? failed/i.test(prompt);
}

/**
 * The scripted fix: deletes the files at the top of `dir` (not hidden) whose content holds the marker.
 * Returns their names. The demo agent's own files are small text files; anything large is left alone.
 */
export function removeMarkedFiles(dir: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const file = path.join(dir, name);
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats?.isFile() || stats.size > 1024 * 1024) continue;
    if (!readFileSync(file, 'utf8').includes(DEMO_BUG_MARKER)) continue;
    rmSync(file);
    removed.push(name);
  }
  return removed;
}
