import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import type { FlotillaApi } from '../api/flotilla-api.js';
import type { Theme } from '../stores/prefs-store.js';
import { AckBatcher } from './ack-batcher.js';
import { OutputPacer } from './output-pacer.js';
import { TERMINAL_FONT, terminalTheme } from './terminal-theme.js';
import { webglWorthIt } from './webgl-support.js';

export type Renderer = 'webgl' | 'dom';

/**
 * The focused session's interactive terminal: replays the host's screen snapshot, then streams output
 * at full rate (paced into fewer, bigger writes while it floods) with acknowledgements from xterm's write
 * callback; keystrokes, pastes and resizes go back.
 */
export class TerminalSession {
  readonly term: Terminal;
  readonly search = new SearchAddon();
  private readonly fit = new FitAddon();
  private readonly acks: AckBatcher;
  private readonly pacer = new OutputPacer((data) =>
    this.term.write(data, () => {
      this.rendered += data.length;
      this.acks.rendered(data.length);
    }),
  );
  private readonly offs: (() => void)[] = [];
  private generation = 0;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  renderer: Renderer = 'dom';
  /** Characters of live output xterm has parsed (write callbacks), for the benchmark and tests. */
  rendered = 0;

  constructor(
    private readonly api: FlotillaApi,
    readonly sessionId: string,
    host: HTMLElement,
    theme: Theme,
  ) {
    this.term = new Terminal({
      scrollback: 5000,
      fontFamily: TERMINAL_FONT,
      fontSize: 13,
      cursorBlink: true,
      allowProposedApi: true,
      theme: terminalTheme(theme),
    });
    this.acks = new AckBatcher(
      (chars) => void this.api.invoke('session.ack', { id: sessionId, chars }).catch(() => {}),
    );
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.open(host);
    this.paintBackground();
    this.useWebgl();
    this.fit.fit();
    this.offs.push(
      api.on('session.output', ({ id, data }) => {
        if (id === sessionId) this.write(data);
      }),
      api.onState((state) => {
        if (state === 'open') void this.subscribe();
      }),
    );
    const input = this.term.onData((data) => void api.invoke('session.input', { id: sessionId, data }).catch(() => {}));
    const resize = this.term.onResize(() => this.sendSize());
    this.offs.push(
      () => input.dispose(),
      () => resize.dispose(),
    );
    void this.subscribe();
  }

  /** WebGL on a real GPU; xterm's DOM renderer otherwise (and after a lost context). */
  private useWebgl(): void {
    if (!webglWorthIt()) return;
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => {
        webgl.dispose();
        this.renderer = 'dom';
      });
      this.term.loadAddon(webgl);
      this.renderer = 'webgl';
    } catch {
      this.renderer = 'dom';
    }
  }

  private pendingOutput: string[] | undefined;

  private write(data: string): void {
    if (this.pendingOutput) {
      this.pendingOutput.push(data);
      return;
    }
    this.pacer.push(data);
  }

  /** Replays the current screen, then the live stream; again after every reconnection. */
  private async subscribe(): Promise<void> {
    const generation = ++this.generation;
    this.pendingOutput = [];
    // Output still waiting for its write belongs to the old stream: the new snapshot already shows it.
    this.pacer.clear();
    this.acks.reset();
    try {
      const snapshot = await this.api.invoke('session.subscribe', { id: this.sessionId, ack: true });
      if (this.disposed || generation !== this.generation) return;
      this.term.reset();
      this.term.write(snapshot.ansi);
      const queued = this.pendingOutput;
      this.pendingOutput = undefined;
      for (const data of queued) this.write(data);
      this.sendSize();
    } catch {
      if (generation === this.generation) this.pendingOutput = undefined;
    }
  }

  fitToHost(): void {
    if (!this.disposed) this.fit.fit();
  }

  private sendSize(): void {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      const { cols, rows } = this.term;
      if (cols < 20 || rows < 5) return;
      void this.api.invoke('session.resize', { id: this.sessionId, cols, rows }).catch(() => {});
    }, 80);
  }

  setTheme(theme: Theme): void {
    this.term.options.theme = terminalTheme(theme);
    this.paintBackground();
  }

  /**
   * The space below the last row (less than a row high) shows the terminal element, not xterm's canvas:
   * give it the theme's background, or it is a black strip (xterm.css) under a light terminal.
   */
  private paintBackground(): void {
    const element = this.term.element;
    if (element) element.style.backgroundColor = this.term.options.theme?.background ?? '';
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.resizeTimer);
    this.offs.forEach((off) => off());
    this.pacer.clear();
    this.acks.flush();
    if (this.api.state === 'open') void this.api.invoke('session.unsubscribe', { id: this.sessionId }).catch(() => {});
    this.term.dispose();
  }
}
