import type { RecentRepo } from '../../../shared/repo.js';

/** The repositories sessions were made in, offered as suggestions to the input whose `list` is `id`. */
export function RecentRepoList({ id, repos }: { id: string; repos: readonly RecentRepo[] }) {
  return (
    <datalist id={id}>
      {repos.map((r) => (
        <option key={r.path} value={r.path}>
          {r.name}
        </option>
      ))}
    </datalist>
  );
}
