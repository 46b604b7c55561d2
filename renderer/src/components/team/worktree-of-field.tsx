import '../../styles/team.css';
import { useShallow } from 'zustand/react/shallow';
import { useSessionsStore } from '../../stores/sessions-store.js';

/**
 * New session: work in an existing session's worktree and branch instead of a new one (several agents in one
 * worktree; `flotilla lock` keeps them from writing at once). Off by default; offers the repository's sessions.
 */
export function WorktreeOfField(props: { repoRoot: string; value: string; onChange(id: string): void }) {
  const sessions = useSessionsStore(
    useShallow((s) =>
      Object.values(s.byId)
        .filter((x) => props.repoRoot && x.repoPath === props.repoRoot && !x.archivedAt && !x.queuedAt)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    ),
  );
  const on = props.value !== '';
  const first = sessions[0];
  const chosen = sessions.find((x) => x.id === props.value);
  return (
    <div className="field worktree-of">
      <label className="toggle" title={first ? undefined : 'No session of this repository to share a worktree with'}>
        <input
          type="checkbox"
          checked={on}
          disabled={!on && !first}
          onChange={(event) => props.onChange(event.target.checked && first ? first.id : '')}
        />
        Work in an existing session&apos;s worktree
      </label>
      {on ? (
        <select
          aria-label="Session whose worktree to use"
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        >
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.branch})
            </option>
          ))}
        </select>
      ) : null}
      {chosen ? (
        <small className="muted">
          On {chosen.branch}, in {chosen.name}&apos;s worktree (the base branch does not apply): the agents share its
          files, so they should take turns with flotilla lock.
        </small>
      ) : null}
    </div>
  );
}
