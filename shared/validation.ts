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

/** A per-repository check: an argv (never a shell string) run in each session's worktree, with a timeout. */
export const Validator = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore'),
  argv: z.array(z.string().min(1).max(4096)).min(1).max(256),
  timeoutSec: z
    .number()
    .int()
    .min(1)
    .max(24 * 60 * 60),
});
export type Validator = z.infer<typeof Validator>;

export const DEFAULT_VALIDATOR_TIMEOUT_SEC = 600;

/** One validator's latest run with the tail of its output (the whole output is in the session's folder). */
export const ValidatorRun = ValidatorResult.extend({ outputTail: z.string() });
export type ValidatorRun = z.infer<typeof ValidatorRun>;

/** A summary with each result's output tail: what `validation.get` answers and `validation.changed` carries. */
export const ValidationReport = ValidationSummary.extend({ results: z.array(ValidatorRun) });
export type ValidationReport = z.infer<typeof ValidationReport>;

const RepoRef = z.object({ repoPath: z.string().min(1).max(4096) }).strict();
const SessionId = z.object({ id: z.string().min(1).max(200) }).strict();
const Validators = z.object({ repoPath: z.string(), validators: z.array(Validator) });

/** Validation methods (spread into the contract's method map). */
export const validationMethods = {
  /** The validators of the repository holding `repoPath`, in the order they run. */
  'validators.list': { request: RepoRef, response: Validators },
  /** Adds a validator, or replaces the one of that name (keeping its place). */
  'validators.set': {
    request: Validator.extend({ repoPath: z.string().min(1).max(4096) }).strict(),
    response: Validators,
  },
  /** Removes a validator; NOT_FOUND when the repository has none of that name. */
  'validators.remove': {
    request: z.object({ repoPath: z.string().min(1).max(4096), name: z.string().min(1).max(64) }).strict(),
    response: Validators,
  },
  /** Runs the session's validators now on its current content; answers when they finish. */
  'validation.run': { request: SessionId, response: ValidationReport },
  /** The session's latest validation (kept across host restarts). */
  'validation.get': { request: SessionId, response: ValidationReport },
  /** Types the failing validators' names and output tails into the agent (queued until it is idle). */
  'validation.sendFailures': { request: SessionId, response: z.object({ sent: z.array(z.string()) }) },
} as const;

/** What each validator event carries. `head` is `<commit>:<tree>` of the worktree's content when it ran. */
export const ValidatorEvent = z.object({
  id: z.string(),
  name: z.string(),
  head: z.string(),
  durationMs: z.number().int().nullable(),
  exitCode: z.number().int().nullable(),
  outputTail: z.string(),
});
export type ValidatorEvent = z.infer<typeof ValidatorEvent>;

/** Validation events (spread into the contract's event map). */
export const validationEvents = {
  'validator.started': ValidatorEvent,
  'validator.passed': ValidatorEvent,
  'validator.failed': ValidatorEvent,
  /** A session's validation changed (a run started, one validator finished, or it was cancelled). */
  'validation.changed': z.object({ id: z.string(), summary: ValidationReport }),
} as const;
