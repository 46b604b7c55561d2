import os from 'node:os';
import path from 'node:path';

/** `--data-dir`, else $FLOTILLA_HOME, else ~/.flotilla. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag ?? env.FLOTILLA_HOME ?? path.join(os.homedir(), '.flotilla'));
}
