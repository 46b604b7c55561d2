import type { ProviderProfile } from '../../../shared/provider-profile.js';
import type { ProviderInfo } from '../../../shared/repo.js';
import type { FieldErrors } from '../api/create-sessions.js';

export interface AgentRow {
  key: number;
  provider: string;
  count: number;
  /** A saved profile of this row's provider (binary, args, model, env); absent: the provider's defaults. */
  profileId?: string | undefined;
  /** What happened when the dialog was submitted. */
  /** `queued`: created but waiting for a slot under the max-concurrent-agents setting. */
  progress?:
    | { state: 'creating' }
    | { state: 'done'; started: number; queued?: number }
    /** `field`: not started because of that field's error (shown there), so it goes when that field changes. */
    | { state: 'failed'; message: string; field?: keyof FieldErrors };
}

interface Props {
  rows: AgentRow[];
  providers: ProviderInfo[];
  profiles: ProviderProfile[];
  onChange(rows: AgentRow[]): void;
  disabled: boolean;
}

let nextKey = 100;
export function newAgentRow(provider: string): AgentRow {
  return { key: nextKey++, provider, count: 1 };
}

/** One line per agent kind: which provider (and saved profile of it), how many copies; "add another agent" fans the prompt out. */
export function AgentRows({ rows, providers, profiles, onChange, disabled }: Props) {
  const update = (key: number, patch: Partial<AgentRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch, progress: undefined } : row)));
  return (
    <fieldset className="agent-rows" disabled={disabled}>
      <legend>Agents</legend>
      {rows.map((row, index) => {
        const info = providers.find((p) => p.id === row.provider);
        const own = profiles.filter((p) => p.provider === row.provider);
        return (
          <div key={row.key} className="agent-row">
            <select
              aria-label={`Agent ${index + 1}`}
              value={row.provider}
              onChange={(event) => update(row.key, { provider: event.target.value, profileId: undefined })}
            >
              {providers.map((p) => (
                <option key={p.id} value={p.id} disabled={!p.available}>
                  {p.label}
                  {p.available ? '' : ' (not installed)'}
                </option>
              ))}
            </select>
            {own.length > 0 ? (
              <select
                aria-label={`Profile of agent ${index + 1}`}
                value={row.profileId ?? ''}
                onChange={(event) => update(row.key, { profileId: event.target.value || undefined })}
              >
                <option value="">Default profile</option>
                {own.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.model ? ` (${p.model})` : ''}
                  </option>
                ))}
              </select>
            ) : null}
            <label className="count">
              ×
              <input
                type="number"
                min={1}
                max={50}
                aria-label={`How many ${info?.label ?? row.provider} agents`}
                value={row.count}
                onChange={(event) =>
                  update(row.key, { count: Math.max(1, Math.min(50, Number(event.target.value) || 1)) })
                }
              />
            </label>
            {rows.length > 1 ? (
              <button
                type="button"
                className="link remove-agent"
                aria-label={`Remove agent ${index + 1}`}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                Remove
              </button>
            ) : null}
            <RowProgress row={row} />
            {info && !info.available ? <p className="field-error">{info.problem ?? 'not installed'}</p> : null}
          </div>
        );
      })}
      <button
        type="button"
        className="link"
        onClick={() => onChange([...rows, newAgentRow(rows.at(-1)?.provider ?? 'demo')])}
      >
        + Add another agent
      </button>
      <UnavailableNote providers={providers} />
    </fieldset>
  );
}

function RowProgress({ row }: { row: AgentRow }) {
  const p = row.progress;
  if (!p) return null;
  // While creating, the dialog's progress lines show each session.
  if (p.state === 'creating') return null;
  if (p.state === 'done') {
    return (
      <span className="progress ok">
        ✓ {p.started} started{p.queued ? `, ${p.queued} queued` : ''}
      </span>
    );
  }
  return (
    <p className="field-error" role="alert">
      {p.message}
    </p>
  );
}

function UnavailableNote({ providers }: { providers: ProviderInfo[] }) {
  const missing = providers.filter((p) => !p.available);
  if (missing.length === 0) return null;
  return (
    <details className="unavailable">
      <summary>
        {missing.length} agent{missing.length === 1 ? ' is' : 's are'} not installed here
      </summary>
      <ul>
        {missing.map((p) => (
          <li key={p.id}>
            <strong>{p.label}</strong>: {p.problem ?? 'not found'}
          </li>
        ))}
      </ul>
    </details>
  );
}
