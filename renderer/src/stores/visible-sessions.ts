import type { Session, SessionStatus } from '../../../shared/session.js';
import { withTeams } from './team-order.js';
import type { SortKey } from './view-store.js';

export interface ViewFilter {
  search: string;
  status: SessionStatus | 'all';
  provider: string;
  repo: string;
  sort: SortKey;
}

/** Lower comes first when sorting by "needs attention". */
const ATTENTION: Record<SessionStatus, number> = {
  waiting: 0,
  failed: 1,
  running: 2,
  creating: 3,
  idle: 4,
  paused: 5,
  completed: 6,
  cancelled: 7,
};

function compare(sort: SortKey): (a: Session, b: Session) => number {
  switch (sort) {
    case 'attention':
      return (a, b) => ATTENTION[a.status] - ATTENTION[b.status] || a.createdAt.localeCompare(b.createdAt);
    case 'activity':
      return (a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt);
    case 'name':
      return (a, b) => a.name.localeCompare(b.name, undefined, { numeric: true });
    case 'created':
      return (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  }
}

/**
 * The ids the grid shows, in order: unarchived sessions filtered by status, provider, repo and a name search;
 * children right after their parent, none of a `folded` parent's.
 */
export function visibleSessionIds(
  sessions: Iterable<Session>,
  view: ViewFilter,
  folded: Readonly<Record<string, true>> = {},
): string[] {
  const needle = view.search.trim().toLowerCase();
  const shown = [...sessions].filter(
    (s) =>
      !s.archivedAt &&
      (view.status === 'all' || s.status === view.status) &&
      (!view.provider || s.provider === view.provider) &&
      (!view.repo || s.repoPath === view.repo) &&
      (!needle || s.name.toLowerCase().includes(needle) || s.branch.toLowerCase().includes(needle)),
  );
  return withTeams(shown.sort(compare(view.sort)), folded);
}

export function repoName(repoPath: string): string {
  return repoPath.split(/[\\/]/).filter(Boolean).at(-1) ?? repoPath;
}
