import { expect } from 'vitest';
import { FlotillaError } from '../../shared/errors.js';

/** The FlotillaError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function errorOf(promise: Promise<unknown>): Promise<FlotillaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FlotillaError);
  return error as FlotillaError;
}
