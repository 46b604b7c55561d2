import { chmod, mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** `--data-dir`, else $FLOTILLA_HOME, else ~/.flotilla. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag ?? env.FLOTILLA_HOME ?? path.join(os.homedir(), '.flotilla'));
}

/**
 * Creates the data directory 0700, or makes an existing one 0700: the database (with profile
 * secrets), the output logs and the host token live in it, so no other user may read or even list
 * it. One that cannot be made private is refused rather than used as it is.
 */
export async function secureDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { mode } = await stat(dir);
  if ((mode & 0o077) === 0) return;
  const octal = (mode & 0o7777).toString(8).padStart(4, '0');
  // A shared folder (/tmp: world-writable, sticky) must not be taken over and closed to everyone else.
  if ((mode & 0o1002) !== 0) {
    throw new Error(
      `the data directory ${dir} is shared (mode ${octal}); choose a folder of its own with --data-dir or FLOTILLA_HOME`,
    );
  }
  try {
    await chmod(dir, 0o700);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(
      `the data directory ${dir} has mode ${octal} and could not be made 0700 (${reason}); ` +
        `run \`chmod 700 ${dir}\` as its owner, or choose another one with --data-dir or FLOTILLA_HOME`,
    );
  }
}
