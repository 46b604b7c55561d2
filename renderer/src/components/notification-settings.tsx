import '../styles/notification-settings.css';
import type { NotifyOn } from '../../../shared/settings.js';
import { usePrefsStore } from '../stores/prefs-store.js';

const DESKTOP_EVENTS: { key: keyof NotifyOn; label: string }[] = [
  { key: 'waiting', label: 'Notify when an agent waits for you' },
  { key: 'completed', label: 'Notify when an agent is done' },
  { key: 'failed', label: 'Notify when an agent fails' },
];

/**
 * How agents get the user's attention: the desktop app's system notifications (a host setting, saved with
 * the form) and this browser's tone and tab-title count (applied at once, like the theme).
 */
export function NotificationSettings(props: { notifyOn: NotifyOn; onChange(notifyOn: NotifyOn): void }) {
  const prefs = usePrefsStore();
  return (
    <>
      <h3 className="form-section">Notifications</h3>
      <div className="notification-columns">
        <div role="group" aria-labelledby="notify-desktop" className="notification-group">
          <span id="notify-desktop" className="notification-caption">
            Desktop app
          </span>
          {DESKTOP_EVENTS.map(({ key, label }) => (
            <label key={key} className="toggle">
              <input
                type="checkbox"
                checked={props.notifyOn[key]}
                onChange={(e) => props.onChange({ ...props.notifyOn, [key]: e.target.checked })}
              />
              {label}
            </label>
          ))}
          <small className="muted">A system notification; clicking it opens the session.</small>
        </div>
        <div role="group" aria-labelledby="notify-browser" className="notification-group">
          <span id="notify-browser" className="notification-caption">
            This browser
          </span>
          <label className="toggle">
            <input
              type="checkbox"
              checked={prefs.soundOnWaiting}
              onChange={(e) => prefs.set({ soundOnWaiting: e.target.checked })}
            />
            Sound when an agent waits
          </label>
          <label className="toggle">
            <input
              type="checkbox"
              checked={prefs.titleBadge}
              onChange={(e) => prefs.set({ titleBadge: e.target.checked })}
            />
            Waiting count in the tab title
          </label>
        </div>
      </div>
    </>
  );
}
