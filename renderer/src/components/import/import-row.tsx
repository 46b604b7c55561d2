import type { ExternalConversation } from '../../../../shared/imports.js';
import { RelativeTime } from '../relative-time.js';

const AGENT_LABEL = { claude: 'Claude Code', codex: 'Codex' } as const;

/** One conversation: agent, first prompt, when, how long; Import, or Open for one imported already. */
export function ImportRow(props: {
  conversation: ExternalConversation;
  /** The repository root: a conversation run in a folder inside it names that folder. */
  repoPath: string;
  busy: boolean;
  onImport(): void;
  onOpen(sessionId: string): void;
}) {
  const { conversation: c } = props;
  return (
    <li className="import-row" data-conversation={c.id}>
      <span className={`import-agent agent-${c.agent}`}>{AGENT_LABEL[c.agent]}</span>
      <span className="import-prompt" title={`${c.firstPrompt}\n\n${c.cwd}\n${c.id}`}>
        {c.firstPrompt || <em className="muted">first prompt not found at the start of its file</em>}
      </span>
      <span className="import-meta muted">
        {c.cwd !== props.repoPath && c.cwd.startsWith(`${props.repoPath}/`) ? (
          <span className="import-folder">in {c.cwd.slice(props.repoPath.length + 1)}/ · </span>
        ) : null}
        <RelativeTime iso={c.updatedAt} /> · {c.messageCount} message{c.messageCount === 1 ? '' : 's'}
      </span>
      {c.importedBy ? (
        <button
          type="button"
          className="btn"
          title="Imported already: open its session"
          onClick={() => props.onOpen(c.importedBy!)}
        >
          Imported · Open
        </button>
      ) : (
        <button type="button" className="btn primary" disabled={props.busy} onClick={props.onImport}>
          Import
        </button>
      )}
    </li>
  );
}
