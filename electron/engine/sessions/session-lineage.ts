import { existsSync } from 'node:fs';
import { FlotillaError } from '../../../shared/errors.js';
import type { CreateSessionInput } from '../../../shared/session.js';
import type { SessionRecord } from '../../store/session-repository.js';

/** Where new sessions come from: the session that spawned them, the session whose worktree they share. */
export interface Lineage {
  parent?: SessionRecord;
  /** New sessions work in this session's worktree and branch (no worktree of their own, no setup). */
  shared?: SessionRecord;
  /** The base branch asked for, else the shared session's base, else the parent's branch (undefined: the repo's). */
  base?: string;
}

function onRepo(record: SessionRecord, repo: string, role: string): void {
  if (record.repoPath !== repo) {
    throw new FlotillaError(
      'VALIDATION',
      `${role} session ${record.id} works on ${record.repoPath}, not ${repo}; a child or a sharer stays on its repository`,
    );
  }
}

/**
 * Resolves `parentId` and `worktreeOf` of a create request (refs: id, prefix or name) on the repository
 * `repo`. A parent makes the base default to its branch: the child starts from the parent's commits, not
 * from its uncommitted work. A shared worktree must exist and belong to the same repository.
 */
export function resolveLineage(
  input: Pick<CreateSessionInput, 'parentId' | 'worktreeOf' | 'baseBranch'>,
  repo: string,
  find: (ref: string) => SessionRecord,
): Lineage {
  const lineage: Lineage = {};
  if (input.parentId !== undefined) {
    lineage.parent = find(input.parentId);
    onRepo(lineage.parent, repo, 'parent');
  }
  if (input.worktreeOf !== undefined) {
    const shared = find(input.worktreeOf);
    onRepo(shared, repo, 'shared');
    if (!existsSync(shared.worktreePath)) {
      throw new FlotillaError(
        'WORKTREE_MISSING',
        `session ${shared.id} has no worktree to share: ${shared.worktreePath} is gone (or not made yet)`,
      );
    }
    if (input.baseBranch !== undefined && input.baseBranch !== shared.baseBranch) {
      throw new FlotillaError(
        'VALIDATION',
        `a session in the worktree of ${shared.id} has its base (${shared.baseBranch}); leave out the base branch`,
      );
    }
    lineage.shared = shared;
  }
  const base = input.baseBranch ?? lineage.shared?.baseBranch ?? lineage.parent?.branch;
  if (base !== undefined) lineage.base = base;
  return lineage;
}

/** The fields a new session's record takes from its lineage. */
export function lineageFields(lineage: Lineage): Pick<SessionRecord, 'parentId' | 'sharesWorktreeOf'> {
  return {
    ...(lineage.parent ? { parentId: lineage.parent.id } : {}),
    ...(lineage.shared ? { sharesWorktreeOf: lineage.shared.id } : {}),
  };
}

/** What the user should know about where a new session starts. */
export function lineageNotes(lineage: Lineage, parentDirty: boolean): string[] {
  const notes: string[] = [];
  if (lineage.shared) {
    notes.push(
      `works in the worktree of ${lineage.shared.name} (${lineage.shared.id}): ${lineage.shared.worktreePath}, branch ${lineage.shared.branch}`,
    );
  } else if (lineage.parent && parentDirty) {
    notes.push(
      `parent ${lineage.parent.name} has uncommitted changes; this session starts from its last commit on ${lineage.parent.branch} without them`,
    );
  }
  return notes;
}
