import { z } from 'zod';

/**
 * The auto-yes danger guard's built-in rules as users see them: id and reason. Their matchers live in
 * electron/engine/danger-guard.ts (typed by these ids, so a rule cannot exist there without a line here).
 *
 * Why here and not a `guard.rules` method or host.info: the settings schema must know the ids to reject
 * unknown ones at the boundary anyway, and the renderer already imports shared/, so this one list serves
 * validation, the engine and the Settings dialog without a round trip or a second copy.
 */
export const GUARD_RULES = [
  { id: 'pipe-to-shell', reason: 'pipes a download straight into a shell' },
  { id: 'shell-runs-download', reason: 'runs a downloaded script in a shell' },
  { id: 'sudo', reason: 'runs a command as root (sudo)' },
  { id: 'rm-recursive-outside-worktree', reason: 'deletes recursively outside the worktree' },
  { id: 'force-push', reason: 'force-pushes (rewrites the remote history)' },
  { id: 'reset-hard-base', reason: 'hard-resets the base branch' },
  { id: 'mkfs', reason: 'formats a file system (mkfs)' },
  { id: 'dd-to-device', reason: 'writes raw data to a device (dd of=/dev/…)' },
  {
    id: 'recursive-chmod-chown-outside-worktree',
    reason: 'changes permissions or owners recursively outside the worktree',
  },
  { id: 'redirect-outside-worktree', reason: 'redirects output into a file outside the worktree (>)' },
  { id: 'edit-outside-worktree', reason: 'edits a file outside the worktree (file dialogs)' },
  { id: 'write-outside-worktree', reason: 'creates or writes files outside the worktree (tee, touch, mkdir)' },
  { id: 'copy-outside-worktree', reason: 'copies or moves files to outside the worktree' },
  { id: 'sed-in-place-outside-worktree', reason: 'edits a file outside the worktree in place (sed -i)' },
] as const;

export type GuardRuleId = (typeof GUARD_RULES)[number]['id'];

const RULE_IDS: readonly string[] = GUARD_RULES.map((r) => r.id);

/** V8's linear-time engine flag (a variable: linters only know the standard flags). */
const LINEAR_FLAG = 'l';

export const MAX_GUARD_PATTERNS = 50;
export const MAX_GUARD_PATTERN_LENGTH = 200;
/**
 * User patterns only ever see this many characters of a line. The host compiles them for V8's linear-time
 * engine (flag `l`, see electron/engine/danger-guard.ts), so no pattern can backtrack for minutes; the cap
 * bounds the work even where that engine is missing.
 */
export const GUARD_LINE_LIMIT = 4000;

/**
 * Whether `source` fits V8's linear-time engine: where this engine has it (the host), asked directly;
 * in a browser, by the constructs it refuses (back-references, lookarounds).
 */
function runsInLinearTime(source: string): boolean {
  try {
    new RegExp('', LINEAR_FLAG);
  } catch {
    return !/\\[1-9]|\\k<|\(\?<?[=!]/.test(source);
  }
  try {
    new RegExp(source, LINEAR_FLAG);
    return true;
  } catch {
    return false;
  }
}

/** Why `source` is not a usable guard pattern, or null when it is. */
export function guardPatternProblem(source: string): string | null {
  if (!source.trim()) return 'a guard pattern may not be empty';
  if (source.length > MAX_GUARD_PATTERN_LENGTH) {
    return `guard pattern "${source.slice(0, 40)}…" is longer than ${MAX_GUARD_PATTERN_LENGTH} characters`;
  }
  try {
    new RegExp(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/: /s, '') : '';
    return `guard pattern "${source}" is not a valid regular expression${detail ? `: ${detail}` : ''}`;
  }
  if (!runsInLinearTime(source)) {
    return `guard pattern "${source}" uses a back-reference or a lookahead/lookbehind, which guard patterns cannot (they must match in linear time)`;
  }
  return null;
}

export const GuardDisabledRules = z
  .array(
    z.string().refine((id) => RULE_IDS.includes(id), {
      error: (issue) => `unknown guard rule "${String(issue.input)}" (known: ${RULE_IDS.join(', ')})`,
    }),
  )
  .max(GUARD_RULES.length);

export const GuardExtraPatterns = z
  .array(
    z.string().superRefine((source, ctx) => {
      const problem = guardPatternProblem(source);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  )
  .max(MAX_GUARD_PATTERNS, `at most ${MAX_GUARD_PATTERNS} guard patterns`);
