// The worker thread that keeps every session's headless terminal. Parsing terminal output is the
// host's biggest cost under a flood (measured: two thirds of the main thread's busy time); here it no
// longer delays keystrokes, status events or other clients.
import { parentPort } from 'node:worker_threads';
import type { MirrorReply, MirrorRequest } from './mirror-protocol.js';
import { TerminalScreen } from './terminal-screen.js';

const port = parentPort;
if (!port) throw new Error('mirror-worker.js runs as a worker thread only');

const screens = new Map<number, TerminalScreen>();

function reply(message: MirrorReply): void {
  port!.postMessage(message);
}

function screenOf(id: number): TerminalScreen {
  const screen = screens.get(id);
  if (!screen) throw new Error(`no screen mirror ${id}`);
  return screen;
}

async function read(id: number, req: number, what: 'lines' | 'serialize'): Promise<void> {
  try {
    const screen = screenOf(id);
    // Everything written before this request is parsed first: the answer is the screen as of the request.
    await screen.flushed();
    if (what === 'lines') reply({ op: 'lines', req, lines: screen.lines() });
    else reply({ op: 'serialize', req, screen: screen.serialize() });
  } catch (error) {
    reply({ op: 'failed', req, message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: MirrorRequest) => {
  switch (message.op) {
    case 'open':
      screens.set(message.id, new TerminalScreen(message.cols, message.rows));
      return;
    case 'write': {
      const screen = screens.get(message.id);
      if (!screen) return reply({ op: 'written', id: message.id });
      void screen.write(message.data).then(() => reply({ op: 'written', id: message.id }));
      return;
    }
    case 'resize':
      screens.get(message.id)?.resize(message.cols, message.rows);
      return;
    case 'read':
      void read(message.id, message.req, message.what);
      return;
    case 'close': {
      const screen = screens.get(message.id);
      screens.delete(message.id);
      void screen?.flushed().then(() => screen.dispose());
      return;
    }
    case 'memory': {
      // With --expose-gc (the bench), count live memory only.
      (globalThis as { gc?: () => void }).gc?.();
      const { heapUsed, external } = process.memoryUsage();
      reply({ op: 'memory', req: message.req, heapUsed, external });
      return;
    }
  }
});
