import type { Session } from '../../../shared/session.js';
import { isActive } from '../../../shared/session-state.js';
import type { FlotillaApi } from '../api/flotilla-api.js';
import { usePreviewStore } from '../stores/preview-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';

export const PREVIEW_INTERVAL_MS = 1000;

/**
 * Card previews without streaming: once a second, the plain-text screens of the cards on screen whose
 * agent may be writing, in one request. The grid never receives full-rate output.
 */
export class PreviewPoller {
  private readonly visible = new Set<string>();
  /** Status + update time of each session when its preview was last fetched. */
  private readonly fetchedAt = new Map<string, string>();
  private inFlight = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly api: FlotillaApi) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), PREVIEW_INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private appeared = new Set<string>();

  /** A card came into view: fetch its preview now, together with every other card that just appeared. */
  show(id: string): void {
    this.visible.add(id);
    this.appeared.add(id);
    if (this.appeared.size > 1) return;
    setTimeout(() => {
      const ids = [...this.appeared];
      this.appeared.clear();
      void this.tick(ids);
    }, 0);
  }

  hide(id: string): void {
    this.visible.delete(id);
  }

  /** The sessions due: visible, and either moving or changed since their last fetch. */
  due(byId: Record<string, Session>): string[] {
    return [...this.visible].filter((id) => {
      const session = byId[id];
      if (!session) return false;
      // An active session's screen may change on its own; the others change only with a status change.
      return isActive(session.status) || this.fetchedAt.get(id) !== version(session);
    });
  }

  async tick(only?: string[]): Promise<void> {
    if (this.api.state !== 'open' || (typeof document !== 'undefined' && document.hidden)) return;
    if (this.inFlight && !only) return;
    const byId = useSessionsStore.getState().byId;
    const ids = only ?? this.due(byId);
    if (ids.length === 0) return;
    if (!only) this.inFlight = true;
    try {
      const { previews } = await this.api.invoke('session.previews', { ids });
      for (const id of ids) {
        const session = byId[id];
        if (session) this.fetchedAt.set(id, version(session));
      }
      usePreviewStore.getState().setMany(previews);
    } catch {
      // Offline or a session vanished: the next tick tries again.
    } finally {
      if (!only) this.inFlight = false;
    }
  }
}

function version(session: Session): string {
  return `${session.status}|${session.updatedAt}`;
}
