import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrphanRemoval, OrphanWorktree, WorktreeReport } from '../../../shared/worktree.js';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';

export interface WorktreeReportView {
  report: WorktreeReport | null;
  error: string | null;
  loading: boolean;
  /** Looks again (sizes are measured by walking each folder, so only when asked or after a removal). */
  refresh(): void;
  /** Removes one orphan folder (the user confirmed it), then looks again. */
  remove(orphan: OrphanWorktree): Promise<OrphanRemoval>;
}

/** Orphan worktree folders and sessions whose worktree is gone, read once when Settings opens. */
export function useWorktreeReport(): WorktreeReportView {
  const [report, setReport] = useState<WorktreeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const live = useRef(true);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const next = await api().invoke('worktrees.report', {});
      if (live.current) {
        setReport(next);
        setError(null);
      }
    } catch (e) {
      if (live.current) setError(errorMessage(e));
    } finally {
      if (live.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    live.current = true;
    void refresh();
    return () => {
      live.current = false;
    };
  }, [refresh]);

  const remove = async (orphan: OrphanWorktree) => {
    try {
      return await api().invoke('worktrees.removeOrphan', { path: orphan.path });
    } finally {
      void refresh();
    }
  };

  return { report, error, loading, refresh: () => void refresh(), remove };
}
