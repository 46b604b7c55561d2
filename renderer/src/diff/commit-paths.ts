import type { DiffFile } from '../../../shared/git.js';

/**
 * The paths a commit of `files` minus `excluded` should name, or undefined for "every change" (nothing
 * left out, which also covers files beyond a truncated list). A rename names its old path too, so the
 * deletion half goes into the same commit.
 */
export function commitPaths(files: readonly DiffFile[], excluded: ReadonlySet<string>): string[] | undefined {
  if (!files.some((f) => excluded.has(f.path))) return undefined;
  return files.filter((f) => !excluded.has(f.path)).flatMap((f) => (f.oldPath ? [f.oldPath, f.path] : [f.path]));
}
