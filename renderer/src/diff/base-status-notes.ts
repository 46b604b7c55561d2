import type { DiffSummary } from '../../../shared/git.js';

export interface BaseNote {
  kind: 'missing' | 'behind' | 'dirty';
  /** A word or two for the card. */
  label: string;
  /** The whole story, for a tooltip or the diff panel. */
  detail: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What the card and the diff panel say about the session's base branch: gone, moved on, or checked
 * out dirty (so a merge would be refused). Commits behind matter only once there is work to merge.
 */
export function baseStatusNotes(stats: DiffSummary | undefined): BaseNote[] {
  const status = stats?.baseStatus;
  // Merged work has nothing left to merge: new commits on the base and its dirty checkout no longer matter.
  if (!stats || !status || stats.merged) return [];
  const branch = status.branch;
  if (status.missing) {
    return [
      {
        kind: 'missing',
        label: `${branch} gone`,
        detail:
          `The base branch ${branch} no longer exists (deleted or renamed outside Flotilla): there is no diff ` +
          `and nothing to merge into. Rename it back or recreate it; the session's work stays on its own branch.`,
      },
    ];
  }
  const notes: BaseNote[] = [];
  if (stats.behind > 0 && (stats.changedFiles > 0 || stats.ahead > 0)) {
    notes.push({
      kind: 'behind',
      label: `${stats.behind} behind`,
      detail: `${branch} has ${plural(stats.behind, 'new commit')} since this session started from it; Rebase brings them in.`,
    });
  }
  const dirty = status.dirtyCheckout;
  if (dirty) {
    notes.push({
      kind: 'dirty',
      label: `${branch} dirty`,
      detail:
        `${branch} is checked out in ${dirty.path} with uncommitted changes (${plural(dirty.changedFiles, 'file')}): ` +
        'Merge into base will be refused until that checkout is clean (commit or stash there).',
    });
  }
  return notes;
}
