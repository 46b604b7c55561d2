import type { Session } from '../../../shared/session.js';

/** What the New session dialog follows after Create, to show one line per session being made. */
export interface CreationWatch {
  /** Sessions that existed before Create: not ours. */
  before: ReadonlySet<string>;
  /** The repository's root (sessions record it resolved); empty: any repository. */
  repoRoot: string;
  /** The sessions the host created, once it answered; until then, every new session of the repository. */
  ids: readonly string[] | null;
}

export type CreationState = 'creating' | 'starting' | 'queued' | 'started' | 'failed' | 'cancelled';

/** Where one new session is: its worktree being made, its agent starting, queued, started, or failed. */
export function creationState(session: Session): CreationState {
  if (session.status === 'failed') return 'failed';
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status !== 'creating') return 'started';
  if (session.queuedAt) return 'queued';
  return session.pid === null ? 'creating' : 'starting';
}

export const CREATION_LABEL: Record<CreationState, string> = {
  creating: 'creating worktree…',
  starting: 'starting the agent…',
  queued: 'queued until a running agent ends (max concurrent agents)',
  started: 'started',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The watched sessions in the order they were made (the store's own objects, so a shallow compare holds). */
export function watchedSessions(byId: Record<string, Session>, watch: CreationWatch): Session[] {
  const ids =
    watch.ids ??
    Object.keys(byId).filter(
      (id) => !watch.before.has(id) && (!watch.repoRoot || byId[id]?.repoPath === watch.repoRoot),
    );
  return ids
    .map((id) => byId[id])
    .filter((s): s is Session => s !== undefined)
    .sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name, undefined, { numeric: true }),
    );
}
