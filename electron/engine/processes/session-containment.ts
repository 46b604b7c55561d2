import path from 'node:path';
import { findSessionProcesses } from './process-tree.js';
import { cgroupBase, leftoverCgroups, SessionCgroup } from './session-cgroup.js';
import { stopProcesses } from './stop-processes.js';
import { rmdir } from 'node:fs/promises';

/** Grace between SIGTERM and SIGKILL for what a session left behind without its agent. */
const SWEEP_GRACE_MS = 500;

/** Set to "off" in the host's environment to use the marker fallback even where cgroups work (tests). */
export const CGROUPS_SWITCH = 'FLOTILLA_HOST_CGROUPS';

/**
 * Finds and stops every process a session started, wherever it went.
 *
 * On Linux with a writable cgroup v2 hierarchy each session gets its own cgroup (see session-cgroup.ts):
 * membership is inherited on fork and survives reparenting, setsid and a cleared environment, so pause
 * freezes it, kill empties it with cgroup.kill, and after a host crash the cgroups left behind name what
 * to kill. Elsewhere (no cgroup v2, no permission, macOS) it falls back to the FLOTILLA_SESSION_ID
 * marker every agent inherits, plus process-group and process-tree scans.
 *
 * What remains possible:
 * - Without a cgroup, a process that leaves the agent's process group, is reparented (double fork) and
 *   drops FLOTILLA_SESSION_ID from its environment is invisible to us and outlives its session.
 * - With a cgroup, a process the agent forks in the instant between the pty's fork and the move into
 *   the cgroup (well under a millisecond, before the agent has run any code of its own) stays outside;
 *   the marker still finds it unless it also drops the marker.
 * - A process that asks another service to start something for it (systemd-run --user, a D-Bus activated
 *   service, `at`, cron, a container runtime's daemon) runs outside the session's cgroup and environment.
 * - A process the agent started under another user (sudo) cannot be signalled by the host.
 * - With neither a cgroup nor a surviving marker, processes orphaned by a host crash are not found at the
 *   next start.
 */
export class SessionContainment {
  private where: Promise<{ base?: string; reason?: string }> | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly enabled = process.env[CGROUPS_SWITCH] !== 'off',
  ) {}

  private base(): Promise<{ base?: string; reason?: string }> {
    this.where ??= this.enabled
      ? cgroupBase(this.dataDir)
      : Promise.resolve({ reason: `cgroups turned off (${CGROUPS_SWITCH}=off)` });
    return this.where;
  }

  /** The cgroup a session's agent is to be moved into, or why it gets none (then the marker is used). */
  async prepare(sessionId: string): Promise<{ cgroup?: SessionCgroup; reason?: string }> {
    const { base, reason } = await this.base();
    if (!base) return { reason: reason ?? 'no cgroup' };
    const cgroup = await SessionCgroup.create(base, sessionId);
    return cgroup ? { cgroup } : { reason: `cannot create a cgroup with cgroup.kill and cgroup.freeze in ${base}` };
  }

  /** For the session's history: how its processes are tracked. */
  static describe(cgroup: SessionCgroup | undefined, reason: string | undefined): string {
    return cgroup
      ? `processes tracked in cgroup ${cgroup.dir}`
      : `processes tracked by FLOTILLA_SESSION_ID and the process tree (no cgroup: ${reason ?? 'the kernel refused to move the agent in'})`;
  }

  /**
   * Stops whatever a session without a live agent still has running (after a crash, on removal): its
   * cgroup's members and the processes carrying its marker. Returns how many were found.
   */
  async sweepSession(sessionId: string): Promise<number> {
    const { base } = await this.base();
    const cgroup = base ? new SessionCgroup(path.join(base, sessionId)) : undefined;
    const found = await stopProcesses(
      async () => findSessionProcesses({ sessionIds: [sessionId], pids: (await cgroup?.members()) ?? [] }),
      SWEEP_GRACE_MS,
      cgroup && (() => cgroup.kill()),
    );
    await cgroup?.remove();
    return found;
  }

  /**
   * At start, before any agent runs: kills what the sessions of a host that died left running. Every
   * cgroup under our folder is a crashed host's (a closing host removes its sessions'), so its members
   * are killed whatever their environment says; then the marker of each known session is swept.
   */
  async recover(sessionIds: readonly string[]): Promise<number> {
    const { base } = await this.base();
    let found = 0;
    for (const cgroup of base ? await leftoverCgroups(base) : []) {
      found += (await cgroup.members()).length;
      await cgroup.destroy();
    }
    if (sessionIds.length === 0) return found;
    found += await stopProcesses(() => findSessionProcesses({ sessionIds }), SWEEP_GRACE_MS);
    return found;
  }

  /** Removes our cgroup folder when no session cgroup is left in it (the next start makes it again). */
  async close(): Promise<void> {
    const { base } = await this.base();
    if (base) await rmdir(base).catch(() => undefined);
  }
}
