import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { descendants, procInfo } from './process-probe.js';

/**
 * Every live process whose environment has HOME=`home` (a real CLI's throwaway home), as "pid argv": an
 * agent, or a daemon it started, which is no child of the host's. The host's own helpers (its children, a
 * `git` of the diff stats that may finish just after the host stopped) carry no session id and are left out.
 */
export function homeProcesses(home: string, hostPid: number | undefined): string[] {
  const hostOwn = new Set(hostPid ? [hostPid, ...descendants(hostPid).map((p) => p.pid)] : []);
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    // The host itself is never a leftover, whatever its environment holds (a host started from inside a session).
    if (!/^\d+$/.test(entry) || pid === process.pid || pid === hostPid || procInfo(pid)?.state === 'Z') continue;
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!environ.includes(`HOME=${home}`)) continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const hostHelper = hostOwn.has(pid) || path.basename(argv[0] ?? '') === 'git';
      if (hostHelper && !environ.some((e) => e.startsWith('FLOTILLA_SESSION_ID='))) continue;
      found.push(`${pid} ${argv.join(' ').trim()}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}
