import { useEffect } from 'react';
import { ArchivedView } from './components/archived-view.js';
import { BatchBar } from './components/batch-bar.js';
import { CompareView } from './components/compare-view.js';
import { ConfirmDialog } from './components/confirm-dialog.js';
import { ConnectionBanner } from './components/connection-banner.js';
import { FocusedView } from './components/focused-view.js';
import { HelpOverlay } from './components/help-overlay.js';
import { ImportDialog } from './components/import/import-dialog.js';
import { NewSessionDialog } from './components/new-session-dialog.js';
import { Notices } from './components/notices.js';
import { SessionGrid } from './components/session-grid.js';
import { SettingsPanel } from './components/settings-panel.js';
import { SendMessageDialog } from './components/team/send-message-dialog.js';
import { TopBar } from './components/top-bar.js';
import { useOffline } from './hooks/use-connection-state.js';
import { GridOrderSync } from './hooks/use-visible-ids.js';
import { useShortcuts } from './hooks/use-shortcuts.js';
import { useWaitingAlerts } from './hooks/use-waiting-alerts.js';
import { usePrefsStore } from './stores/prefs-store.js';
import { useUiStore } from './stores/ui-store.js';

export function App() {
  const focusedId = useUiStore((s) => s.focusedId);
  const archiveOpen = useUiStore((s) => s.archiveOpen);
  const theme = usePrefsStore((s) => s.theme);
  const offline = useOffline();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useShortcuts();
  useWaitingAlerts();
  return (
    <div className={offline ? 'app offline' : 'app'}>
      <GridOrderSync />
      <TopBar />
      <ConnectionBanner />
      {/* Cut off from the host, every button and field that would ask it is disabled at once (natively,
          by the disabled fieldset) and what is shown stays as it was, dimmed; it all comes back on reconnect. */}
      <fieldset className="offline-guard" disabled={offline}>
        {focusedId || archiveOpen ? null : <BatchBar />}
        <main className="main" aria-busy={offline || undefined}>
          {focusedId ? <FocusedView id={focusedId} /> : archiveOpen ? <ArchivedView /> : <SessionGrid />}
        </main>
        <CompareView />
        <NewSessionDialog />
        <ImportDialog />
        <SettingsPanel />
        <SendMessageDialog />
        <ConfirmDialog />
      </fieldset>
      <HelpOverlay />
      <Notices />
    </div>
  );
}
