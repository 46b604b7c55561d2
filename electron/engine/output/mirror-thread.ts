import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../package-root.js';
import type { MirrorReply, MirrorRequest } from './mirror-protocol.js';

/** What the thread needs of each mirror living in it. */
export interface MirrorEndpoint {
  readonly cols: number;
  readonly rows: number;
  /** One of its writes is parsed (writes are answered in order). */
  written(): void;
  /** The worker stopped and its screen was opened again, blank. */
  reset(reason: string): void;
}

interface PendingRead {
  resolve(reply: MirrorReply): void;
  reject(error: Error): void;
}

/**
 * Where the worker script is: beside this module when running the build, the build's copy when the
 * sources run under the test runner (Node cannot start a worker from a .ts file).
 */
function workerScript(): URL {
  const sibling = new URL('./mirror-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return sibling;
  const built = path.join(packageRoot(), 'dist', 'electron', 'engine', 'output', 'mirror-worker.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  return new URL(`file://${built}`);
}

/**
 * The one worker thread holding every session's headless terminal, and the bookkeeping around it:
 * answers routed back to their mirror, the thread kept from holding the process open while nothing is in
 * flight, and a fresh thread (with blank screens, said on each session) if it ever dies.
 */
export class MirrorThread {
  private worker: Worker | undefined;
  private readonly endpoints = new Map<number, MirrorEndpoint>();
  private readonly reads = new Map<number, PendingRead>();
  private nextId = 1;
  private nextReq = 1;
  private inFlight = 0;

  open(endpoint: MirrorEndpoint): number {
    const id = this.nextId++;
    this.endpoints.set(id, endpoint);
    this.post({ op: 'open', id, cols: endpoint.cols, rows: endpoint.rows });
    return id;
  }

  write(id: number, data: string): void {
    this.began();
    this.post({ op: 'write', id, data });
  }

  resize(id: number, cols: number, rows: number): void {
    this.post({ op: 'resize', id, cols, rows });
  }

  close(id: number): void {
    if (!this.endpoints.delete(id)) return;
    this.post({ op: 'close', id });
  }

  read(id: number, what: 'lines'): Promise<string[]>;
  read(id: number, what: 'serialize'): Promise<string>;
  async read(id: number, what: 'lines' | 'serialize'): Promise<string[] | string> {
    const reply = await this.request((req) => ({ op: 'read', id, req, what }));
    if (reply.op === 'lines') return reply.lines;
    if (reply.op === 'serialize') return reply.screen;
    throw new Error(`unexpected mirror reply ${reply.op}`);
  }

  /** The worker's own heap, which the main thread's memoryUsage() does not include. */
  async memory(): Promise<{ heapUsed: number; external: number }> {
    const reply = await this.request((req) => ({ op: 'memory', req }));
    if (reply.op !== 'memory') throw new Error(`unexpected mirror reply ${reply.op}`);
    return { heapUsed: reply.heapUsed, external: reply.external };
  }

  /** Ends the thread the way a crash would (tests: the engine must carry on). */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  private request(make: (req: number) => MirrorRequest): Promise<MirrorReply> {
    const req = this.nextReq++;
    this.began();
    return new Promise<MirrorReply>((resolve, reject) => {
      this.reads.set(req, { resolve, reject });
      this.post(make(req));
    });
  }

  private post(message: MirrorRequest): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript(), { name: 'flotilla-screen-mirrors' });
    worker.on('message', (reply: MirrorReply) => this.onReply(reply));
    worker.on('error', (error) => this.onDeath(worker, error.message));
    worker.on('exit', (code) => this.onDeath(worker, `exited with code ${code}`));
    worker.unref();
    this.worker = worker;
    if (this.inFlight > 0) worker.ref();
    return worker;
  }

  private onReply(reply: MirrorReply): void {
    if (reply.op === 'written') {
      this.ended();
      this.endpoints.get(reply.id)?.written();
      return;
    }
    const pending = this.reads.get(reply.req);
    if (!pending) return;
    this.reads.delete(reply.req);
    this.ended();
    if (reply.op === 'failed') pending.reject(new Error(reply.message));
    else pending.resolve(reply);
  }

  /** Counts work the worker owes us: only then may it keep the process alive. */
  private began(): void {
    if (this.inFlight++ === 0) this.worker?.ref();
  }

  private ended(): void {
    if (--this.inFlight === 0) this.worker?.unref();
  }

  private onDeath(worker: Worker, why: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    worker.removeAllListeners();
    void worker.terminate();
    const reason = `screen mirror thread ${why}`;
    console.error(`flotilla: ${reason}; reopening every session's screen blank`);
    for (const pending of this.reads.values()) pending.reject(new Error(reason));
    this.reads.clear();
    this.inFlight = 0;
    for (const [id, endpoint] of this.endpoints) {
      endpoint.reset(reason);
      this.post({ op: 'open', id, cols: endpoint.cols, rows: endpoint.rows });
    }
  }
}

/** The process's one mirror thread, started on first use. */
export const mirrorThread = new MirrorThread();
