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
