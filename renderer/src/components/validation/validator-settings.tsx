/** Settings → Repositories: the repository's validators (name, argv, timeout): add, edit, remove. */
export function ValidatorSettings(_props: { repoPath: string | null }) {
  return null;
}
