import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';
import { useSettingsStore } from '../stores/settings-store.js';
import { useUiStore } from '../stores/ui-store.js';

/**
 * "Browse…" for a folder with the desktop app's native picker. Renders nothing where the host has no native
 * dialogs (a browser on `flotilla serve`): there the path is typed or taken from the recent list.
 */
export function BrowseFolderButton({ title, from, onPick }: { title: string; from: string; onPick(path: string): void }) {
  const available = useSettingsStore((s) => s.nativeDialogs);
  if (!available) return null;
  const browse = async () => {
    try {
      const { path } = await api().invoke('dialog.pickFolder', { title, ...(from.trim() ? { defaultPath: from.trim() } : {}) });
      if (path) onPick(path);
    } catch (error) {
      useUiStore.getState().notify(`Browse failed: ${errorMessage(error)}`);
    }
  };
  return (
    <button type="button" className="btn" title={title} onClick={() => void browse()}>
      Browse…
    </button>
  );
}
