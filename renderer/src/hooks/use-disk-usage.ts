import { useCallback, useEffect, useRef, useState } from 'react';
import type { DiskUsage } from '../../../shared/worktree.js';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';

/** Walking a worktree (node_modules included) is real disk work: never more often than this on its own. */
export const DISK_USAGE_REFRESH_MS = 30_000;

export interface DiskUsageView {
  usage: DiskUsage | null;
  error: string | null;
  loading: boolean;
  /** Measures again now (the user asked). */
  refresh(): void;
}

/** The session worktree's size on disk: measured when the details open, then every 30 s or on demand. */
export function useDiskUsage(id: string): DiskUsageView {
  const [usage, setUsage] = useState<DiskUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const inFlight = useRef(false);
  const live = useRef(true);

  const measure = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    try {
      const next = await api().invoke('session.diskUsage', { id });
      if (live.current) {
        setUsage(next);
        setError(null);
      }
    } catch (e) {
      if (live.current) setError(errorMessage(e));
    } finally {
      inFlight.current = false;
      if (live.current) setLoading(false);
    }
  }, [id]);

  useEffect(() => {
    live.current = true;
    void measure();
    const timer = setInterval(() => void measure(), DISK_USAGE_REFRESH_MS);
    return () => {
      live.current = false;
      clearInterval(timer);
    };
  }, [measure]);

  return { usage, error, loading, refresh: () => void measure() };
}
