import '../styles/base-status.css';
import { baseStatusNotes } from '../diff/base-status-notes.js';
import { useDiffStore } from '../stores/diff-store.js';

/**
 * A card's diff totals (files, +/−) once the host has computed them, and what is wrong with the base
 * branch (gone, moved on, checked out dirty) so the user knows before trying to merge; "merged" once every
 * change is in the base (the old totals and commits behind would only suggest merging again).
 */
export function CardDiffStats({ id }: { id: string }) {
  const stats = useDiffStore((s) => s.stats[id]);
  const notes = baseStatusNotes(stats);
  if (!stats || (stats.changedFiles === 0 && notes.length === 0)) return null;
  if (stats.merged)
    return (
      <span
        className="card-merged"
        aria-label="Diff stats"
        title={`Every change is in ${stats.baseStatus?.branch ?? 'the base branch'}`}
      >
        merged
      </span>
    );
  return (
    <>
      {stats.changedFiles > 0 ? (
        <span className="card-diff" aria-label="Diff stats" title="Changes against the base branch">
          {stats.changedFiles} file{stats.changedFiles === 1 ? '' : 's'}{' '}
          <span className="plus">+{stats.additions}</span> <span className="minus">−{stats.deletions}</span>
        </span>
      ) : null}
      {notes.length > 0 ? (
        <span className="base-notes" aria-label="Base branch">
          {notes.map((note) => (
            <span key={note.kind} className={`base-note ${note.kind}`} title={note.detail}>
              {note.label}
            </span>
          ))}
        </span>
      ) : null}
    </>
  );
}
