import { createServer } from 'node:net';
import { FlotillaError } from '../../../shared/errors.js';
import type { PortBlock, PortRepository } from '../../store/port-repository.js';

/** Where session port blocks come from: above the usual dev-server defaults (3000, 5173, 8080) and below ephemeral ports. */
export const PORT_RANGE = { first: 20000, last: 29999 } as const;

export interface PortBlocksOptions {
  repository: PortRepository;
  /** Setting portBlockSize (0: no ports). */
  size(): number;
  /** A line in the session's history. */
  note(sessionId: string, detail: string): void;
  range?: { first: number; last: number };
}

/** Whether nothing listens on `port` at `host`; an address this machine lacks (no IPv6) counts as free. */
function canBind(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code !== 'EADDRINUSE' && error.code !== 'EACCES'),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Free on loopback and on every interface, IPv4 and IPv6: a dev server on `localhost` binds ::1 with
 * today's Node (Vite does), one on 0.0.0.0 or :: takes the port everywhere.
 */
const HOSTS = ['127.0.0.1', '0.0.0.0', '::1'];

async function blockIsFree(first: number, size: number): Promise<number | null> {
  for (let port = first; port < first + size; port++) {
    for (const host of HOSTS) if (!(await canBind(port, host))) return port;
  }
  return null;
}

const overlaps = (a: { firstPort: number; size: number }, first: number, size: number) =>
  a.firstPort < first + size && first < a.firstPort + a.size;

export const describeBlock = (block: { firstPort: number; size: number }) =>
  block.size === 1 ? `${block.firstPort}` : `${block.firstPort}-${block.firstPort + block.size - 1}`;

/** FLOTILLA_PORT is the block's first port; FLOTILLA_PORT_i is first + i. */
export function portEnv(block: { firstPort: number; size: number }): Record<string, string> {
  const env: Record<string, string> = { FLOTILLA_PORT: String(block.firstPort) };
  for (let i = 1; i < block.size; i++) env[`FLOTILLA_PORT_${i}`] = String(block.firstPort + i);
  return env;
}

/**
 * Each session's own block of free ports. A block is chosen when the session first launches (setup command
 * or agent), checked free by binding each port (127.0.0.1, 0.0.0.0, ::1), never one another session holds, and stored. After a host
 * restart it is checked again at the session's first launch: a port another program took moves the session to
 * a new block (noted in its history), since a dev server on a taken port would fail; otherwise it keeps it.
 */
export class PortBlocks {
  private readonly checked = new Set<string>();
  /** Assignments one at a time, so two sessions launching together never get the same block. */
  private chain: Promise<unknown> = Promise.resolve();
  private readonly range: { first: number; last: number };

  constructor(private readonly options: PortBlocksOptions) {
    this.range = options.range ?? PORT_RANGE;
  }

  get(sessionId: string): PortBlock | undefined {
    return this.options.repository.get(sessionId);
  }

  async envFor(sessionId: string): Promise<Record<string, string>> {
    const size = this.options.size();
    if (size === 0) return {};
    const next = this.chain.then(() => this.ensure(sessionId, size));
    this.chain = next.catch(() => undefined);
    return portEnv(await next);
  }

  release(sessionId: string): void {
    this.checked.delete(sessionId);
    this.options.repository.release(sessionId);
  }

  private async ensure(sessionId: string, size: number): Promise<PortBlock> {
    const held = this.options.repository.get(sessionId);
    if (held && held.size === size) {
      if (this.checked.has(sessionId)) return held;
      const taken = await blockIsFree(held.firstPort, held.size);
      if (taken === null) {
        this.checked.add(sessionId);
        return held;
      }
      const moved = await this.assign(sessionId, size);
      this.options.note(
        sessionId,
        `ports ${describeBlock(held)}: ${taken} is taken by another program, so the session moved to ports ${describeBlock(moved)}`,
      );
      return moved;
    }
    const block = await this.assign(sessionId, size);
    this.options.note(sessionId, `ports ${describeBlock(block)} (FLOTILLA_PORT=${block.firstPort})`);
    return block;
  }

  /** The first free block from a random starting point, so hosts with separate data dirs rarely pick the same. */
  private async assign(sessionId: string, size: number): Promise<PortBlock> {
    const others = this.options.repository.list().filter((block) => block.sessionId !== sessionId);
    const count = Math.floor((this.range.last - this.range.first + 1) / size);
    const start = Math.floor(Math.random() * count);
    for (let i = 0; i < count; i++) {
      const first = this.range.first + ((start + i) % count) * size;
      if (others.some((block) => overlaps(block, first, size))) continue;
      if ((await blockIsFree(first, size)) !== null) continue;
      const block = { sessionId, firstPort: first, size };
      this.options.repository.set(block);
      this.checked.add(sessionId);
      return block;
    }
    throw new FlotillaError(
      'INVALID_STATE',
      `no free block of ${size} ports between ${this.range.first} and ${this.range.last}`,
    );
  }
}
