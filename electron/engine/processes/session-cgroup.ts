import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** How long a cgroup may take to empty after cgroup.kill before we give up on removing it. */
const EMPTY_WAIT_MS = 2000;
/** A process in uninterruptible sleep delays freezing; pause does not wait longer than this for it. */
const FREEZE_WAIT_MS = 300;

/** The cgroup v2 mount point, from /proc/self/mountinfo (field 5 is the mount point, the type follows " - "). */
export async function cgroup2Mount(mountinfo = '/proc/self/mountinfo'): Promise<string | undefined> {
  const text = await readFile(mountinfo, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const [before, after] = line.split(' - ');
    if (after?.split(' ')[0] === 'cgroup2') return unescapeMount(before?.split(' ')[4] ?? '');
  }
  return undefined;
}

/** mountinfo escapes spaces, tabs, newlines and backslashes as octal. */
function unescapeMount(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** This process's cgroup in the v2 hierarchy ("0::<path>" in /proc/self/cgroup). */
async function ownCgroup(): Promise<string | undefined> {
  const text = await readFile('/proc/self/cgroup', 'utf8').catch(() => '');
  return text
    .split('\n')
    .find((line) => line.startsWith('0::'))
    ?.slice(3);
}

/**
 * The folder under which this data directory's sessions get their cgroups: a child of the host's own
 * cgroup (the only place it may be allowed to create some: root here, a systemd-delegated subtree on a
 * desktop), named after the data directory so two hosts or test runs never sweep each other's.
 * Undefined, with the reason, where none can be made; the caller then falls back to the process marker.
 */
export async function cgroupBase(dataDir: string): Promise<{ base?: string; reason?: string }> {
  if (process.platform !== 'linux') return { reason: 'not Linux' };
  const mount = await cgroup2Mount();
  if (!mount) return { reason: 'no cgroup v2 mount' };
  const own = await ownCgroup();
  if (own === undefined) return { reason: 'no cgroup v2 entry in /proc/self/cgroup' };
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 10);
  const base = path.join(mount, own, `flotilla-${hash}`);
  try {
    await mkdir(base, { recursive: false }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    // cgroup.kill (Linux 5.14) and cgroup.freeze (5.2) are what we need besides cgroup.procs.
    const files = await readdir(base);
    if (!files.includes('cgroup.procs')) return { reason: `${base} is not a cgroup v2 folder` };
    return { base };
  } catch (error) {
    return { reason: `cannot create ${base}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}

/** One session's cgroup: every process the agent starts after adopt() is in it, wherever it reparents. */
export class SessionCgroup {
  constructor(readonly dir: string) {}

  /** Creates the cgroup; undefined when the kernel refuses (permissions, missing cgroup.kill / freeze). */
  static async create(base: string, sessionId: string): Promise<SessionCgroup | undefined> {
    const dir = path.join(base, sessionId);
    try {
      // The folder is made again if something removed it while the host ran (it is empty between sessions).
      await mkdir(base, { recursive: true });
      await mkdir(dir).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
        // Left by a host that died in the instant a pause had it frozen: a new agent must not start frozen.
        await writeFile(path.join(dir, 'cgroup.freeze'), '0');
      });
      const files = new Set(await readdir(dir));
      if (!files.has('cgroup.kill') || !files.has('cgroup.freeze')) {
        await rmdir(dir).catch(() => undefined);
        return undefined;
      }
      return new SessionCgroup(dir);
    } catch {
      return undefined;
    }
  }

  /**
   * Moves a just-spawned agent in. Synchronous on purpose, right after the fork: whatever the agent forks
   * before this write stays outside the cgroup (a window of well under a millisecond, before any agent has
   * run its own code); those processes are still found by the session marker. False when refused.
   */
  adopt(pid: number): boolean {
    try {
      writeFileSync(path.join(this.dir, 'cgroup.procs'), String(pid));
      return true;
    } catch {
      return false;
    }
  }

  /** Pids in the cgroup now (a process forking meanwhile may be missed; freeze or kill cover that). */
  async members(): Promise<number[]> {
    const text = await readFile(path.join(this.dir, 'cgroup.procs'), 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map(Number);
  }

  /**
   * Freezes (or thaws) every process at once, forks in flight included (a child created meanwhile is born
   * frozen). Freezing waits, bounded, until the kernel reports the whole cgroup frozen.
   */
  async freeze(frozen: boolean): Promise<void> {
    await writeFile(path.join(this.dir, 'cgroup.freeze'), frozen ? '1' : '0').catch(() => undefined);
    const deadline = Date.now() + FREEZE_WAIT_MS;
    while (frozen && !(await this.frozen()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private async frozen(): Promise<boolean> {
    const events = await readFile(path.join(this.dir, 'cgroup.events'), 'utf8').catch(() => 'frozen 1');
    return /^frozen 1$/m.test(events);
  }

  /** SIGKILLs every member (frozen ones too) and waits, bounded, until the cgroup is empty. */
  async kill(): Promise<void> {
    await writeFile(path.join(this.dir, 'cgroup.kill'), '1').catch(() => undefined);
    const deadline = Date.now() + EMPTY_WAIT_MS;
    while ((await this.populated()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async populated(): Promise<boolean> {
    const events = await readFile(path.join(this.dir, 'cgroup.events'), 'utf8').catch(() => 'populated 0');
    return /^populated 1$/m.test(events);
  }

  /** Removes the cgroup once empty; one still populated (should not happen after kill) is left. */
  async remove(): Promise<void> {
    await rmdir(this.dir).catch(() => undefined);
  }

  /** Kills everything in it and removes it. */
  async destroy(): Promise<void> {
    await this.kill();
    await this.remove();
  }
}

/** The session cgroups left under `base` (by a host that crashed), by session id. */
export async function leftoverCgroups(base: string): Promise<SessionCgroup[]> {
  const entries = await readdir(base, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => new SessionCgroup(path.join(base, e.name)));
}
