import { z } from 'zod';

export const RepoInspectRequest = z.object({ repoPath: z.string().min(1).max(4096) }).strict();

export const RepoInfo = z.object({
  root: z.string(),
  currentBranch: z.string().nullable(),
  branches: z.array(z.string()),
  dirty: z.boolean(),
});
export type RepoInfo = z.infer<typeof RepoInfo>;

export const RecentRepo = z.object({ path: z.string(), name: z.string(), lastUsedAt: z.string() });
export type RecentRepo = z.infer<typeof RecentRepo>;

export const ProviderInfo = z.object({
  id: z.string(),
  label: z.string(),
  /** Whether its CLI was found; when not, `problem` says what to install. */
  available: z.boolean(),
  problem: z.string().nullable(),
});
export type ProviderInfo = z.infer<typeof ProviderInfo>;
