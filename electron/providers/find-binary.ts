import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { FlotillaError } from '../../shared/errors.js';

export interface FindBinaryOptions {
  /** The PATH to search (default: this process's). */
  envPath?: string;
  /** Folders tried after PATH (default: the usual user and system install folders). */
  extraDirs?: string[];
}

/**
 * Where CLIs installed by npm, pipx, bun, Homebrew or their own installers land even when the GUI app
 * was started without the user's shell PATH.
 */
export function commonInstallDirs(home = homedir()): string[] {
  return [
    path.join(home, '.npm-global', 'bin'),
    path.join(home, '.local', 'bin'),
    path.join(home, '.bun', 'bin'),
    path.join(home, '.volta', 'bin'),
    path.join(home, '.claude', 'local'),
    path.join(home, '.opencode', 'bin'),
    '/usr/local/bin',
    '/opt/homebrew/bin',
    '/usr/bin',
  ];
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds an executable on PATH, then in the common install folders (or takes an explicit path); the error names what to install. */
export async function findBinary(name: string, installHint: string, options: FindBinaryOptions = {}): Promise<string> {
  if (name.includes(path.sep)) {
    const file = path.resolve(name);
    if (await isExecutable(file)) return file;
    throw new FlotillaError('PROVIDER_NOT_FOUND', `${file} is not an executable file. ${installHint}`);
  }
  const dirs = [...(options.envPath ?? process.env.PATH ?? '').split(path.delimiter), ...(options.extraDirs ?? commonInstallDirs())];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  throw new FlotillaError('PROVIDER_NOT_FOUND', `${name} was not found on PATH or in the usual install folders. ${installHint}`);
}
