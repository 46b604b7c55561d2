import { useSettingsStore } from '../stores/settings-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { Logo } from './logo.js';

/** First run: what Flotilla does, and a demo agent that works without any account or CLI. */
export function EmptyState() {
  const providers = useSettingsStore((s) => s.providers);
  const installed = providers.filter((p) => p.available && p.id !== 'demo' && p.id !== 'shell');
  const openDialog = useUiStore((s) => s.openDialog);
  return (
    <section className="empty" aria-label="No sessions yet">
      <Logo size={64} />
      <h2>Run a fleet of coding agents</h2>
      <p>
        Each agent gets its own git worktree, branch and terminal. Watch them work side by side, answer their questions
        from here, pause or stop any of them.
      </p>
      <div className="empty-actions">
        <button
          type="button"
          className="btn primary big"
          onClick={() => openDialog({ provider: 'demo', prompt: 'add a README section' })}
        >
          Try the demo agent
        </button>
      </div>
      <p className="muted small">
        {installed.length > 0
          ? `Agent CLIs found: ${installed.map((p) => p.label).join(', ')}.`
          : 'No agent CLI (Claude Code, Codex, Gemini, Aider, OpenCode) was found on this machine. The demo agent needs none: it asks for permission, writes a file and waits, like a real one.'}{' '}
        Press <kbd>n</kbd> for a new session, <kbd>?</kbd> for shortcuts.
      </p>
    </section>
  );
}
