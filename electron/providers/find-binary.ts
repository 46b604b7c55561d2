import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';

/** Finds an executable on PATH (or takes an explicit path); the error names what to install. */
export async function findBinary(name: string, installHint: string, envPath = process.env.PATH ?? ''): Promise<string> {
  const candidates = name.includes(path.sep)
    ? [path.resolve(name)]
    : envPath
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, name));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new FlotillaError('PROVIDER_NOT_FOUND', `${name} was not found on PATH. ${installHint}`);
}
