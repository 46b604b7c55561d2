import { z } from 'zod';

// Validators (issue 15): per-repository commands (npm test, tsc --noEmit…) run in each session's worktree when
// it goes idle with new changes, and on demand; their results gate merges and can be sent to the agent.

/** none: no validators configured, or never run on this head; stale: the head moved since the last run. */
export const ValidationStatus = z.enum(['none', 'running', 'passed', 'failed', 'cancelled', 'stale']);
export type ValidationStatus = z.infer<typeof ValidationStatus>;

export const ValidatorResult = z.object({
  name: z.string(),
  status: z.enum(['running', 'passed', 'failed', 'cancelled']),
  durationMs: z.number().int().nullable(),
  exitCode: z.number().int().nullable(),
});
export type ValidatorResult = z.infer<typeof ValidatorResult>;

/** A session's latest validation: what `flotilla show --json` carries as `validation`. */
export const ValidationSummary = z.object({
  status: ValidationStatus,
  /** The commit and tree (worktree contents, uncommitted changes included) the results are for. */
  head: z.string().nullable(),
  results: z.array(ValidatorResult),
});
export type ValidationSummary = z.infer<typeof ValidationSummary>;

/** Validation methods (spread into the contract's method map). */
export const validationMethods = {} as const;

/** Validation events (spread into the contract's event map). */
export const validationEvents = {} as const;
