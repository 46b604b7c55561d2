import { readFileSync } from 'node:fs';
import { descendants, type ProcInfo } from './process-probe.js';

function argv(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** The `git read-tree -m -u` (not a --dry-run) that `ancestor` runs now, updating a checkout, if any. */
export function checkoutUpdate(ancestor: number): ProcInfo | undefined {
  return descendants(ancestor).find((p) => {
    const args = argv(p.pid);
    return args.includes('read-tree') && args.includes('-u') && !args.includes('--dry-run');
  });
}

/** Polls (every 2 ms, for at most `ms`) for checkoutUpdate(ancestor). */
export async function waitForCheckoutUpdate(ancestor: number, ms: number): Promise<ProcInfo> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = checkoutUpdate(ancestor);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`no git read-tree -u under pid ${ancestor} within ${ms} ms`);
}
