import { useDiffStore } from '../stores/diff-store.js';

/** A card's diff totals (files, +/−) once the host has computed them; nothing before. */
export function CardDiffStats({ id }: { id: string }) {
  const stats = useDiffStore((s) => s.stats[id]);
  if (!stats || stats.changedFiles === 0) return null;
  return (
    <span className="card-diff" aria-label="Diff stats" title="Changes against the base branch">
      {stats.changedFiles} file{stats.changedFiles === 1 ? '' : 's'} <span className="plus">+{stats.additions}</span>{' '}
      <span className="minus">−{stats.deletions}</span>
    </span>
  );
}
