/**
 * git's words when it is set up to run git-lfs for LFS-tracked files (`git lfs install` writes
 * filter.lfs.* to the user's config) but cannot start it: uninstalled, or not on the PATH of an app
 * started from the desktop rather than a shell.
 */
const LFS_MISSING = /git-lfs[^\n]*(?:not found|No such file or directory|cannot run)|'lfs' is not a git command/;

export const LFS_MISSING_HINT =
  'this repository stores files with Git LFS and git is set up to run git-lfs for them, but git-lfs cannot ' +
  'be found: install Git LFS (https://git-lfs.com) or make sure it is on the PATH Flotilla starts with';

export function isLfsMissing(stderr: string): boolean {
  return LFS_MISSING.test(stderr);
}

/**
 * Config that has git read LFS-tracked files as they are, without git-lfs: without it installed they are
 * pointer text, which then shows as a small text change. Only for read-only snapshots: a commit made this
 * way could put a real binary into history where LFS was meant to hold it.
 */
export const WITHOUT_LFS_FILTER = [
  '-c',
  'filter.lfs.process=',
  '-c',
  'filter.lfs.clean=',
  '-c',
  'filter.lfs.smudge=',
  '-c',
  'filter.lfs.required=false',
];
