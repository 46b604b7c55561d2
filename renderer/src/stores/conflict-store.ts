import { create } from 'zustand';
import type { ConflictPair } from '../../../shared/conflicts.js';

/** The conflict forecast per repository, apart from the sessions store: only badges and Compare read it. */
interface ConflictState {
  byRepo: Record<string, ConflictPair[]>;
  setRepo(repoPath: string, pairs: ConflictPair[]): void;
  replaceAll(pairs: ConflictPair[]): void;
}

export const useConflictStore = create<ConflictState>()((set) => ({
  byRepo: {},
  setRepo: (repoPath, pairs) => set((state) => ({ byRepo: { ...state.byRepo, [repoPath]: pairs } })),
  replaceAll: (pairs) => {
    const byRepo: Record<string, ConflictPair[]> = {};
    for (const pair of pairs) (byRepo[pair.repoPath] ??= []).push(pair);
    set({ byRepo });
  },
}));

/** What one session conflicts with: other sessions (by id) and its base, each with the files. */
export interface SessionConflicts {
  sessions: { id: string; files: string[] }[];
  base: { branch: string; files: string[] } | null;
}

export function conflictsOf(byRepo: Record<string, ConflictPair[]>, id: string): SessionConflicts {
  const result: SessionConflicts = { sessions: [], base: null };
  for (const pairs of Object.values(byRepo)) {
    for (const pair of pairs) {
      if (pair.a === id && pair.b === null) result.base = { branch: pair.baseBranch, files: pair.files };
      else if (pair.a === id && pair.b) result.sessions.push({ id: pair.b, files: pair.files });
      else if (pair.b === id) result.sessions.push({ id: pair.a, files: pair.files });
    }
  }
  return result;
}

const fileCount = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/**
 * The badge's words and title: "conflicts with beta in 2 files", "conflicts with 3 sessions",
 * "conflicts with main", or both ("… and main"); null when there is no conflict.
 */
export function describeConflicts(
  conflicts: SessionConflicts,
  nameOf: (id: string) => string,
): { text: string; title: string } | null {
  const { sessions, base } = conflicts;
  if (sessions.length === 0 && !base) return null;
  const parts: string[] = [];
  if (sessions.length === 1) parts.push(`${nameOf(sessions[0]!.id)} in ${fileCount(sessions[0]!.files.length)}`);
  else if (sessions.length > 1) parts.push(`${sessions.length} sessions`);
  if (base) parts.push(base.branch);
  const title = [
    ...sessions.map((s) => `With ${nameOf(s.id)}: ${s.files.join(', ')}`),
    ...(base ? [`With ${base.branch}: ${base.files.join(', ')}`] : []),
  ].join('\n');
  return { text: `conflicts with ${parts.join(' and ')}`, title };
}

/** The files two sessions would both change in conflict (empty when they merge cleanly or are unknown). */
export function conflictFilesBetween(byRepo: Record<string, ConflictPair[]>, x: string, y: string): string[] {
  for (const pairs of Object.values(byRepo)) {
    const pair = pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x));
    if (pair) return pair.files;
  }
  return [];
}

/**
 * Compare's order: files the forecast says merging both would conflict in first, then the rest, each in
 * path order (a stable sort of path-ordered rows). Files both changed cleanly stay in place: the table
 * already marks them, and only a conflict needs the user first.
 */
export function conflictsFirst<T extends { path: string }>(rows: readonly T[], conflicting: ReadonlySet<string>): T[] {
  const rank = (row: T) => (conflicting.has(row.path) ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b));
}
