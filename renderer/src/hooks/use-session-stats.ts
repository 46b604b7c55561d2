import { useEffect, useState } from 'react';
import type { SessionStats } from '../../../shared/session-insight.js';
import { api } from '../api/api-instance.js';

export interface StatsView {
  stats: SessionStats;
  /** Share of one core over the last interval, when two samples exist. */
  cpuPercent: number | null;
}

/** Polls the agent's CPU and memory every 2 s while the session has a process. */
export function useSessionStats(id: string, live: boolean): StatsView | null {
  const [view, setView] = useState<StatsView | null>(null);
  useEffect(() => {
    if (!live) {
      setView(null);
      return;
    }
    let previous: SessionStats | undefined;
    let stopped = false;
    const sample = async () => {
      try {
        const stats = await api().invoke('session.stats', { id });
        if (stopped) return;
        const seconds = previous ? (Date.parse(stats.sampledAt) - Date.parse(previous.sampledAt)) / 1000 : 0;
        const cpuPercent =
          previous && seconds > 0 ? Math.max(0, ((stats.cpuSeconds - previous.cpuSeconds) / seconds) * 100) : null;
        previous = stats;
        setView({ stats, cpuPercent });
      } catch {
        // the session ended or the host is away: keep the last numbers
      }
    };
    void sample();
    const timer = setInterval(() => void sample(), 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, live]);
  return view;
}
