/** Messages between the engine (screen-mirror.ts) and the worker that parses every session's screen. */
export type MirrorRequest =
  | { op: 'open'; id: number; cols: number; rows: number }
  | { op: 'write'; id: number; data: string }
  | { op: 'resize'; id: number; cols: number; rows: number }
  | { op: 'read'; id: number; req: number; what: 'lines' | 'serialize' }
  | { op: 'close'; id: number }
  | { op: 'memory'; req: number };

export type MirrorReply =
  /** One write of `id` is parsed; writes are answered in the order they were sent. */
  | { op: 'written'; id: number }
  | { op: 'lines'; req: number; lines: string[] }
  | { op: 'serialize'; req: number; screen: string }
  | { op: 'memory'; req: number; heapUsed: number; external: number }
  | { op: 'failed'; req: number; message: string };
