import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FLOOD_LINE } from '../electron/demo-agent/flood-line.js';
import type { SessionManager } from '../electron/engine/index.js';
import type { RunningHost } from '../electron/host/host-server.js';
import { chromiumAvailable, CHROMIUM, launchChromium } from './chromium.js';
import { sleep, until } from './bench-host.js';

const require = createRequire(import.meta.url);
const XTERM_DIR = path.dirname(path.dirname(require.resolve('@xterm/xterm')));
/** Host batches are at most this big; the bare terminal gets the same pieces. */
const CHUNK = 64 * 1024;

interface FocusedTerminal {
  rendered(): number;
  size(): { cols: number; rows: number };
}

export interface BrowserThroughput {
  /** MB/s of a demo flood through host, WebSocket and the dashboard's focused terminal. */
  flotilla: number[];
  /** MB/s of the same text written straight into a bare xterm.js terminal of the same size, same browser. */
  raw: number[];
  /** ms from Ctrl-C pressed in the focused terminal during a flood to "Interrupted." rendered there. */
  ctrlC: number[];
}

function rendered(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { flotillaTerminal?: FocusedTerminal }).flotillaTerminal?.rendered() ?? -1,
  );
}

/** One flood in the focused terminal: from the command sent until xterm has parsed its last byte. */
async function floodOnce(
  manager: SessionManager,
  page: Page,
  id: string,
  megabytes: number,
): Promise<{ mbs: number; chars: number }> {
  const start = await rendered(page);
  let chars = 0;
  let total = 0;
  const stop = manager.subscribe((event) => {
    if (event.name !== 'session.output' || event.payload.id !== id || total) return;
    chars += event.payload.data.length;
    if (event.payload.data.includes('Flood done.')) total = chars;
  });
  const began = performance.now();
  await manager.send(id, `flood ${megabytes}`);
  const deadline = Date.now() + 120_000;
  while (!total || (await rendered(page)) - start < total) {
    if (Date.now() > deadline) throw new Error('bench: the focused terminal never showed the whole flood');
    await sleep(10);
  }
  const seconds = (performance.now() - began) / 1000;
  stop();
  await until(() => manager.get(id).status === 'idle', 30_000);
  return { mbs: total / 1048576 / seconds, chars: total };
}

/**
 * Ctrl-C typed into the focused terminal during a flood, until the terminal has rendered the agent's
 * "Interrupted.": what a user sees, including the output already on its way when the key was pressed.
 */
async function ctrlCOnce(manager: SessionManager, page: Page, id: string): Promise<number> {
  let chars = 0;
  let interruptedAt = 0;
  const stop = manager.subscribe((event) => {
    if (event.name !== 'session.output' || event.payload.id !== id || interruptedAt) return;
    chars += event.payload.data.length;
    if (event.payload.data.includes('Interrupted.')) interruptedAt = chars;
  });
  const start = await rendered(page);
  await manager.send(id, 'flood 500');
  await until(() => chars > 4 * 1024 * 1024, 60_000);
  const pressed = performance.now();
  await page.keyboard.press('Control+C');
  const deadline = Date.now() + 30_000;
  while (!interruptedAt || (await rendered(page)) - start < interruptedAt) {
    if (Date.now() > deadline) throw new Error('bench: the focused terminal never showed "Interrupted."');
    await sleep(2);
  }
  const ms = performance.now() - pressed;
  stop();
  await until(() => manager.get(id).status === 'idle', 30_000);
  return ms;
}

/** The same characters written into a bare xterm.js (DOM renderer, same size and scrollback) in this browser. */
async function rawOnce(browser: Browser, size: { cols: number; rows: number }, chars: number): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.setContent('<div id="terminal" style="width:100%;height:100vh"></div>');
    await page.addStyleTag({ path: path.join(XTERM_DIR, 'css', 'xterm.css') });
    await page.addScriptTag({ path: path.join(XTERM_DIR, 'lib', 'xterm.js') });
    const text = FLOOD_LINE.repeat(Math.ceil(chars / FLOOD_LINE.length)).slice(0, chars);
    const ms = await page.evaluate(
      async ({ text, cols, rows, chunk }) => {
        const { Terminal } = window as unknown as {
          Terminal: new (options: object) => {
            open(el: HTMLElement): void;
            write(data: string, done?: () => void): void;
          };
        };
        const term = new Terminal({ cols, rows, scrollback: 5000, fontSize: 13 });
        term.open(document.getElementById('terminal')!);
        const began = performance.now();
        await new Promise<void>((resolve) => {
          for (let at = 0; at < text.length; at += chunk) {
            const last = at + chunk >= text.length;
            term.write(text.slice(at, at + chunk), last ? resolve : undefined);
          }
        });
        return performance.now() - began;
      },
      { text, cols: size.cols, rows: size.rows, chunk: CHUNK },
    );
    return chars / 1048576 / (ms / 1000);
  } finally {
    await page.close();
  }
}

/**
 * Focused-terminal throughput in Debian's Chromium beside raw xterm.js write speed in the same browser,
 * alternating the two so both see the same machine load. Undefined (with the reason printed) without
 * Chromium.
 */
export async function browserThroughput(
  manager: SessionManager,
  host: RunningHost,
  repo: string,
  runs: number,
  megabytes = 16,
): Promise<BrowserThroughput | undefined> {
  if (!chromiumAvailable()) {
    console.log(`bench: skipping browser throughput: ${CHROMIUM} is missing (apt-get install chromium)`);
    return undefined;
  }
  const browser = await launchChromium();
  const [session] = await manager.create({ repoPath: repo, provider: 'demo', prompt: '', name: 'throughput' });
  const id = session!.id;
  try {
    await until(() => manager.get(id).status === 'idle', 60_000);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page
      .getByRole('article', { name: 'throughput', exact: true })
      .getByRole('button', { name: 'throughput', exact: true })
      .click();
    await page.waitForFunction(
      () => ((window as unknown as { flotillaTerminal?: FocusedTerminal }).flotillaTerminal?.size().cols ?? 0) > 20,
    );
    await sleep(500);
    const size = await page.evaluate(() =>
      (window as unknown as { flotillaTerminal: FocusedTerminal }).flotillaTerminal.size(),
    );
    const result: BrowserThroughput = { flotilla: [], raw: [], ctrlC: [] };
    for (let i = 0; i < runs; i++) {
      await page.bringToFront();
      const flood = await floodOnce(manager, page, id, megabytes);
      result.flotilla.push(flood.mbs);
      result.raw.push(await rawOnce(browser, size, flood.chars));
    }
    await page.bringToFront();
    for (let i = 0; i < runs; i++) result.ctrlC.push(await ctrlCOnce(manager, page, id));
    return result;
  } finally {
    await browser.close();
    await manager.kill([id]);
    await manager.remove(id, true);
  }
}
