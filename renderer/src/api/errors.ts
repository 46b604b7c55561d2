import { FlotillaError } from '../../../shared/errors.js';

/** A failure as the user should read it: the host's typed message, or the error's own. */
export function errorMessage(error: unknown): string {
  if (error instanceof FlotillaError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function errorCode(error: unknown): string | undefined {
  return error instanceof FlotillaError ? error.code : undefined;
}

/** An error as a git dialog shows it: its code first when it has one (DIRTY_WORKTREE: …). */
export function codedErrorMessage(error: unknown): string {
  const code = errorCode(error);
  return code ? `${code}: ${errorMessage(error)}` : errorMessage(error);
}
