import { z } from 'zod';

/**
 * Why `prefix` cannot start git branch names (`<prefix><slug>-<id>`), or null when it can. Mirrors the
 * rules of `git check-ref-format --branch` that a prefix alone can break; the slug appended after it
 * never starts with "." or "/", so a prefix ending in "/" is fine. Empty: branches get no prefix.
 */
export function branchPrefixProblem(prefix: string): string | null {
  if (prefix === '') return null;
  if (!/^[A-Za-z0-9._/-]*$/.test(prefix)) return 'branch prefix may hold letters, digits, ".", "_", "-" and "/" only';
  if (prefix.startsWith('/')) return 'branch prefix must not start with "/"';
  if (prefix.startsWith('-')) return 'branch prefix must not start with "-" (git would read the branch as an option)';
  if (prefix.includes('//')) return 'branch prefix must not hold "//" (an empty part of the branch name)';
  if (prefix.includes('..')) return 'branch prefix must not hold ".."';
  // Each "/"-separated part but the last is a whole part of the branch name; the last gets the slug.
  const parts = prefix.split('/');
  if (parts.some((part) => part.startsWith('.'))) return 'no part of the branch prefix may start with "."';
  if (parts.slice(0, -1).some((part) => part.endsWith('.lock')))
    return 'no part of the branch prefix may end with ".lock"';
  // Git itself takes "team./x", but it keeps a branch as a file under refs/: no such folder on Windows.
  if (parts.some((part) => part.endsWith('.'))) return 'no part of the branch prefix may end with "."';
  return null;
}

export const BranchPrefix = z
  .string()
  .max(64)
  .superRefine((prefix, ctx) => {
    const problem = branchPrefixProblem(prefix);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
