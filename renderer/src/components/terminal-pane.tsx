import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/api-instance.js';
import { usePrefsStore } from '../stores/prefs-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { TerminalSession } from '../terminal/terminal-session.js';

declare global {
  interface Window {
    /** Read-only peek at the focused terminal (what it shows), for tests and bug reports. */
    flotillaTerminal?: { sessionId: string; renderer: string; text(): string; rendered(): number; size(): { cols: number; rows: number } };
  }
}

/** The focused session's terminal, with search; Ctrl+] leaves it (Esc belongs to the agent). */
export function TerminalPane({ sessionId }: { sessionId: string }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const sessionRef = useRef<TerminalSession | null>(null);
  const theme = usePrefsStore((s) => s.theme);
  const [query, setQuery] = useState('');

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const terminal = new TerminalSession(api(), sessionId, host, usePrefsStore.getState().theme);
    sessionRef.current = terminal;
    terminal.term.attachCustomKeyEventHandler((event) => {
      if (event.type === 'keydown' && event.ctrlKey && event.key === ']') {
        useUiStore.getState().focus(null);
        return false;
      }
      return true;
    });
    window.flotillaTerminal = {
      sessionId,
      renderer: terminal.renderer,
      rendered: () => terminal.rendered,
      size: () => ({ cols: terminal.term.cols, rows: terminal.term.rows }),
      text: () => {
        const buffer = terminal.term.buffer.active;
        const lines: string[] = [];
        for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
        return lines.join('\n');
      },
    };
    const observer = new ResizeObserver(() => terminal.fitToHost());
    observer.observe(host);
    terminal.term.focus();
    return () => {
      observer.disconnect();
      if (window.flotillaTerminal?.sessionId === sessionId) delete window.flotillaTerminal;
      terminal.dispose();
      sessionRef.current = null;
    };
  }, [sessionId]);

  useEffect(() => sessionRef.current?.setTheme(theme), [theme]);

  const find = (backwards: boolean) => {
    const search = sessionRef.current?.search;
    if (!search || !query) return;
    if (backwards) search.findPrevious(query);
    else search.findNext(query);
  };

  return (
    <section className="terminal-pane" aria-label="Terminal">
      <div className="terminal-tools">
        <input
          type="search"
          aria-label="Search the terminal"
          placeholder="Search output…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              find(event.shiftKey);
            }
          }}
        />
        <button type="button" className="icon-btn" aria-label="Previous match" onClick={() => find(true)}>
          ↑
        </button>
        <button type="button" className="icon-btn" aria-label="Next match" onClick={() => find(false)}>
          ↓
        </button>
        <span className="muted small terminal-hint">
          <kbd>Ctrl</kbd>+<kbd>]</kbd> back to the grid
        </span>
      </div>
      <div className="terminal-host" ref={hostRef} onClick={() => sessionRef.current?.term.focus()} />
    </section>
  );
}
