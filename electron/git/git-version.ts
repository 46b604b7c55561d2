import { FlotillaError } from '../../shared/errors.js';
import { git } from './run-git.js';

let cached: Promise<[number, number]> | undefined;

/** The installed git's major and minor version ("git version 2.39.5" -> [2, 39]). */
export function gitVersion(cwd: string): Promise<[number, number]> {
  cached ??= git(['version'], { cwd }).then((result) => {
    const match = /(\d+)\.(\d+)/.exec(result.stdout);
    return [Number(match?.[1] ?? 0), Number(match?.[2] ?? 0)];
  });
  return cached;
}

/** GIT_TOO_OLD, naming the version needed for `feature`, when the installed git is older than major.minor. */
export async function requireGit(cwd: string, major: number, minor: number, feature: string): Promise<void> {
  const [haveMajor, haveMinor] = await gitVersion(cwd);
  if (haveMajor > major || (haveMajor === major && haveMinor >= minor)) return;
  throw new FlotillaError(
    'GIT_TOO_OLD',
    `${feature} needs git ${major}.${minor} or newer (this is git ${haveMajor}.${haveMinor}); update git`,
  );
}
