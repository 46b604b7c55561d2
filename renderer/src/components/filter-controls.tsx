import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SessionStatus } from '../../../shared/session.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useViewStore, type SortKey } from '../stores/view-store.js';
import { repoName } from '../stores/visible-sessions.js';
import { STATUS_LABEL } from './status-badge.js';

const SORTS: Record<SortKey, string> = {
  created: 'Oldest first',
  attention: 'Needs attention first',
  activity: 'Recently active',
  name: 'Name',
};

/** Search by name, filter by status / provider / repo, and sort. */
export function FilterControls() {
  const view = useViewStore(
    useShallow((s) => ({ search: s.search, status: s.status, provider: s.provider, repo: s.repo, sort: s.sort })),
  );
  const set = useViewStore((s) => s.set);
  const keys = useSessionsStore(useShallow((s) => Object.values(s.byId).map((x) => `${x.provider}\n${x.repoPath}`)));
  const { providers, repos } = useMemo(() => {
    const pairs = keys.map((k) => k.split('\n') as [string, string]);
    return {
      providers: [...new Set(pairs.map((p) => p[0]))].sort(),
      repos: [...new Set(pairs.map((p) => p[1]))].sort(),
    };
  }, [keys]);
  return (
    <div className="filters">
      <input
        id="session-search"
        type="search"
        className="search"
        aria-label="Search sessions"
        placeholder="Search…"
        title="Search sessions by name or branch (/)"
        value={view.search}
        onChange={(event) => set({ search: event.target.value })}
      />
      <select
        aria-label="Filter by status"
        value={view.status}
        onChange={(e) => set({ status: e.target.value as SessionStatus | 'all' })}
      >
        <option value="all">All statuses</option>
        {SessionStatus.options.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABEL[status]}
          </option>
        ))}
      </select>
      <select aria-label="Filter by provider" value={view.provider} onChange={(e) => set({ provider: e.target.value })}>
        <option value="">All agents</option>
        {providers.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <select aria-label="Filter by repository" value={view.repo} onChange={(e) => set({ repo: e.target.value })}>
        <option value="">All repos</option>
        {repos.map((r) => (
          <option key={r} value={r} title={r}>
            {repoName(r)}
          </option>
        ))}
      </select>
      <select aria-label="Sort" value={view.sort} onChange={(e) => set({ sort: e.target.value as SortKey })}>
        {Object.entries(SORTS).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
