import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { procInfo } from './process-probe.js';

/**
 * Every live process whose environment has HOME=`home` (a real CLI's throwaway home), as "pid argv": an
 * agent, or a daemon it started, which is no child of the host's. The host's own helpers (its children, a
 * `git` of the diff stats that may finish just after the host stopped) carry no session id and are left out.
 */
export function homeProcesses(home: string, hostPid: number | undefined): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    // The host itself is never a leftover, whatever its environment holds (a host started from inside a session).
    if (!/^\d+$/.test(entry) || pid === process.pid || pid === hostPid || procInfo(pid)?.state === 'Z') continue;
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!environ.includes(`HOME=${home}`)) continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const hostHelper =
        (hostPid !== undefined && descendsFrom(pid, hostPid)) || path.basename(argv[0] ?? '') === 'git';
      if (hostHelper && !environ.some((e) => e.startsWith('FLOTILLA_SESSION_ID='))) continue;
      found.push(`${pid} ${argv.join(' ').trim()}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * Whether `ancestor` is among `pid`'s parents now. Asked per process as it is found, not from a list made
 * before the walk: a child the host forks meanwhile (before its exec it still shows the host's own argv and
 * environment) is the host's too.
 */
function descendsFrom(pid: number, ancestor: number): boolean {
  let current = procInfo(pid)?.ppid;
  for (let depth = 0; current !== undefined && current > 1 && depth < 64; depth++) {
    if (current === ancestor) return true;
    current = procInfo(current)?.ppid;
  }
  return false;
}
