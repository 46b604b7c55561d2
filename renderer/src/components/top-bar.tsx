import { useConnectionState } from '../hooks/use-connection-state.js';
import { usePrefsStore } from '../stores/prefs-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { FilterControls } from './filter-controls.js';
import { useImportStore } from './import/import-store.js';
import { Logo } from './logo.js';
import { LocksIndicator } from './team/locks-indicator.js';
import { UsageTotal } from './usage-total.js';

const CONNECTION_LABEL = {
  open: 'Connected',
  connecting: 'Connecting…',
  closed: 'Disconnected — reconnecting…',
  refused: 'Token refused',
};

export function TopBar() {
  const connection = useConnectionState();
  const waiting = useSessionsStore((s) => Object.values(s.byId).filter((x) => x.status === 'waiting').length);
  const archived = useSessionsStore((s) => Object.values(s.byId).filter((x) => x.archivedAt).length);
  const ui = useUiStore.getState();
  const theme = usePrefsStore((s) => s.theme);
  const compact = usePrefsStore((s) => s.density === 'compact');
  return (
    <header className="top-bar">
      <div className="brand">
        <Logo />
        <span className="brand-name">Flotilla</span>
        <span className={`conn conn-${connection}`} title={CONNECTION_LABEL[connection]} role="status">
          <span className="status-dot" aria-hidden="true" />
          <span className="conn-label">{CONNECTION_LABEL[connection]}</span>
        </span>
        {waiting > 0 ? (
          <span className="waiting-pill" title="Sessions waiting for your answer">
            {waiting} waiting
          </span>
        ) : null}
        <LocksIndicator />
        <UsageTotal />
      </div>
      <FilterControls />
      <div className="top-actions">
        <button
          type="button"
          className="btn"
          aria-label="Archived"
          title="Finished sessions moved out of the grid (h)"
          onClick={() => {
            ui.focus(null);
            ui.setArchiveOpen(!useUiStore.getState().archiveOpen);
          }}
        >
          Archived{archived > 0 ? ` (${archived})` : ''}
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Compact cards"
          aria-pressed={compact}
          title={compact ? 'Comfortable cards, with a terminal preview' : 'Compact cards: many more on screen'}
          onClick={() => usePrefsStore.getState().set({ density: compact ? 'comfortable' : 'compact' })}
        >
          {compact ? '▦' : '☰'}
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          onClick={() => usePrefsStore.getState().set({ theme: theme === 'dark' ? 'light' : 'dark' })}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => ui.setHelpOpen(true)}
        >
          ?
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Settings"
          title="Settings (,)"
          onClick={() => ui.setSettingsOpen(true)}
        >
          ⚙
        </button>
        <button
          type="button"
          className="btn"
          disabled={connection !== 'open'}
          title="Resume a Claude Code or Codex conversation started outside Flotilla"
          onClick={() => useImportStore.getState().setOpen(true)}
        >
          Import
        </button>
        <button type="button" className="btn primary" disabled={connection !== 'open'} onClick={() => ui.openDialog()}>
          New session
        </button>
      </div>
    </header>
  );
}
