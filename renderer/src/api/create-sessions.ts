import type { CreateSessionRequest } from '../../../shared/session.js';
import type { AgentRow } from '../components/agent-rows.js';
import { errorCode, errorMessage } from './errors.js';
import type { FlotillaApi } from './flotilla-api.js';

export interface NewSessionForm {
  repoPath: string;
  baseBranch: string;
  prompt: string;
  name: string;
  autoYes: boolean;
  rows: AgentRow[];
  /** Work in this session's worktree and branch instead of new ones (absent or '': a new worktree each). */
  worktreeOf?: string;
}

export interface FieldErrors {
  repoPath?: string;
  baseBranch?: string;
  name?: string;
  general?: string;
}

/** Checks what can be checked before asking the host. */
export function validateForm(form: NewSessionForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.repoPath.trim()) errors.repoPath = 'Enter the path of a git repository';
  if (form.name.length > 100) errors.name = 'At most 100 characters';
  const total = form.rows.reduce((sum, row) => sum + row.count, 0);
  if (total > 50) errors.general = `That is ${total} agents; at most 50 at once`;
  return errors;
}

/** Which errors an edit of each form field makes stale: a new repository also has other branches. */
const STALE_AFTER: Partial<Record<keyof NewSessionForm, (keyof FieldErrors)[]>> = {
  repoPath: ['repoPath', 'baseBranch'],
  baseBranch: ['baseBranch'],
  name: ['name'],
  rows: ['general'],
  worktreeOf: ['general', 'baseBranch'],
};

/** The fields whose errors go stale when `patch` is applied to `before` (setting the value a field holds is no change). */
function staleFields(before: NewSessionForm, patch: Partial<NewSessionForm>): Set<keyof FieldErrors> {
  const stale = new Set<keyof FieldErrors>();
  for (const key of Object.keys(patch) as (keyof NewSessionForm)[])
    if (patch[key] !== before[key]) for (const field of STALE_AFTER[key] ?? []) stale.add(field);
  return stale;
}

/**
 * The errors still worth showing after `patch` is applied to `before`: an error about a value the user
 * has since changed (the old path under a field now holding another) goes; the others stay until Start.
 */
export function errorsAfterEdit(
  errors: FieldErrors,
  before: NewSessionForm,
  patch: Partial<NewSessionForm>,
): FieldErrors {
  const next = { ...errors };
  for (const field of staleFields(before, patch)) delete next[field];
  return next;
}

/** Likewise for the agent rows: a row "not started" because of a field's error is marked so no longer. */
export function rowsAfterEdit(rows: AgentRow[], before: NewSessionForm, patch: Partial<NewSessionForm>): AgentRow[] {
  const stale = staleFields(before, patch);
  const isStale = (row: AgentRow) =>
    row.progress?.state === 'failed' && !!row.progress.field && stale.has(row.progress.field);
  return rows.some(isStale) ? rows.map((row) => (isStale(row) ? { ...row, progress: undefined } : row)) : rows;
}

/** Where a typed error from the host belongs in the form; undefined means on the agent row. */
export function fieldOf(code: string | undefined, message: string): keyof FieldErrors | undefined {
  if (code === 'NOT_A_REPO' || code === 'REPO_LOCKED' || (code === 'VALIDATION' && /repoPath/.test(message)))
    return 'repoPath';
  if (code === 'UNKNOWN_BASE') return 'baseBranch';
  if (code === 'VALIDATION' && /\bname\b/.test(message)) return 'name';
  if (code === 'PROVIDER_NOT_FOUND' || code === 'SPAWN_FAILED') return undefined;
  return 'general';
}

export interface CreateOutcome {
  /** The field errors to show: empty when the host took every row. */
  errors: FieldErrors;
  /** Every session the host made, started or not (a failed one says why in its `error`). */
  ids: string[];
}

/**
 * Creates the sessions of every row not started yet, all rows at once; each row's outcome is reported
 * as it arrives.
 */
export async function createSessions(
  api: FlotillaApi,
  form: NewSessionForm,
  onRow: (key: number, progress: NonNullable<AgentRow['progress']>) => void,
): Promise<CreateOutcome> {
  const errors: FieldErrors = {};
  const ids: string[] = [];
  const pending = form.rows.filter((row) => row.progress?.state !== 'done');
  const named = form.name.trim();
  await Promise.all(
    pending.map(async (row) => {
      // Several rows share the name: number them, so every session is told apart ("docs 1 #2").
      const name = form.rows.length > 1 ? `${named} ${form.rows.indexOf(row) + 1}` : named;
      onRow(row.key, { state: 'creating' });
      const request: CreateSessionRequest = {
        repoPath: form.repoPath.trim(),
        provider: row.provider,
        prompt: form.prompt,
        count: row.count,
        autoYes: form.autoYes,
        ...(row.profileId ? { profileId: row.profileId } : {}),
        // In another session's worktree the base is that session's branch: the base field does not apply.
        ...(form.worktreeOf ? { worktreeOf: form.worktreeOf } : form.baseBranch ? { baseBranch: form.baseBranch } : {}),
        ...(named ? { name } : {}),
      };
      try {
        const { sessions } = await api.invoke('session.create', request);
        ids.push(...sessions.map((s) => s.id));
        const failed = sessions.filter((s) => s.status === 'failed').length;
        // Each failed session shows its own reason in the dialog's progress lines.
        if (failed) onRow(row.key, { state: 'failed', message: `${failed} of ${sessions.length} did not start` });
        else {
          const queued = sessions.filter((s) => s.queuedAt).length;
          onRow(row.key, { state: 'done', started: sessions.length - queued, queued });
        }
      } catch (error) {
        const message = errorMessage(error);
        const field = fieldOf(errorCode(error), message);
        if (field) errors[field] = message;
        onRow(row.key, field ? { state: 'failed', message: 'not started', field } : { state: 'failed', message });
      }
    }),
  );
  return { errors, ids };
}
