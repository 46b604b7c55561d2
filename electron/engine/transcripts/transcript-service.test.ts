import { appendFile, mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test-support/wait-for.js';
import type { TranscriptCursor } from './transcript-file.js';
import { claudeProjectDir, type LocateContext } from './transcript-locators.js';
import { TranscriptService, type CursorStore } from './transcript-service.js';

/** Cursors kept as the database keeps them: by session, surviving a new service (a host restart). */
class Cursors implements CursorStore {
  readonly saved = new Map<string, TranscriptCursor>();
  cursor(id: string) {
    return this.saved.get(id);
  }
  saveCursor(id: string, cursor: TranscriptCursor) {
    this.saved.set(id, cursor);
  }
}

let dir: string;
let services: TranscriptService[];
const line = (n: number) => `${JSON.stringify({ type: 'user', n })}\n`;

function context(conversationId = 'conv-1'): LocateContext {
  return {
    sessionId: 's1',
    providerId: 'claude',
    conversationId,
    worktreePath: path.join(dir, 'work tree'),
    stateDir: path.join(dir, 'state'),
    env: { HOME: path.join(dir, 'home') },
  };
}

function transcriptPath(ctx: LocateContext): string {
  return path.join(
    dir,
    'home',
    '.claude',
    'projects',
    claudeProjectDir(ctx.worktreePath),
    `${ctx.conversationId}.jsonl`,
  );
}

function tail(cursors: Cursors) {
  const seen: number[] = [];
  const service = new TranscriptService({ cursors, pollMs: 50 });
  services.push(service);
  service.onEntries((_id, provider, entries) => {
    expect(provider).toBe('claude');
    for (const entry of entries) seen.push((entry as { n: number }).n);
  });
  return { service, seen };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flotilla-transcripts-'));
  services = [];
});

afterEach(async () => {
  await Promise.all(services.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('TranscriptService', () => {
  it('finds a transcript that appears late, then reads each complete line once, holding a partial one', async () => {
    const ctx = context();
    const { service, seen } = tail(new Cursors());
    service.start(ctx);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(seen).toEqual([]);
    const file = transcriptPath(ctx);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, line(1) + line(2));
    await waitFor(() => seen.length === 2, { timeoutMs: 3000 });
    // The CLI is mid-write: half a line is not an entry yet.
    const third = line(3);
    await appendFile(file, third.slice(0, 7));
    await service.flush('s1');
    expect(seen).toEqual([1, 2]);
    await appendFile(file, third.slice(7) + line(4));
    await waitFor(() => seen.length === 4, { timeoutMs: 3000 });
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('continues after a restart from the saved offset, without reading a line twice', async () => {
    const ctx = context();
    const file = transcriptPath(ctx);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, line(1) + line(2));
    const cursors = new Cursors();
    const first = tail(cursors);
    first.service.start(ctx);
    await waitFor(() => first.seen.length === 2, { timeoutMs: 3000 });
    await first.service.close();
    await appendFile(file, line(3));
    const second = tail(cursors);
    second.service.start(ctx);
    await waitFor(() => second.seen.length === 1, { timeoutMs: 3000 });
    await second.service.flush('s1');
    expect(second.seen).toEqual([3]);
  });

  it('reads a truncated (replaced) file again from its start', async () => {
    const ctx = context();
    const file = transcriptPath(ctx);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, line(1) + line(2) + line(3));
    const { service, seen } = tail(new Cursors());
    service.start(ctx);
    await waitFor(() => seen.length === 3, { timeoutMs: 3000 });
    await truncate(file, 0);
    await writeFile(file, line(7));
    await waitFor(() => seen.length === 4, { timeoutMs: 3000 });
    expect(seen).toEqual([1, 2, 3, 7]);
  });

  it('reads a transcript bigger than one read budget in bounded steps, every line once', async () => {
    const ctx = context();
    const file = transcriptPath(ctx);
    await mkdir(path.dirname(file), { recursive: true });
    const pad = 'x'.repeat(2000);
    const lines = Array.from({ length: 1500 }, (_, n) => `${JSON.stringify({ n, pad })}\n`).join('');
    await writeFile(file, lines);
    const { service, seen } = tail(new Cursors());
    service.start(ctx);
    await waitFor(() => seen.length === 1500, { timeoutMs: 5000 });
    expect(seen).toEqual(Array.from({ length: 1500 }, (_, n) => n));
  });

  it('stop() reads what the agent wrote last, then stops; CLIs without a transcript are not tailed', async () => {
    const ctx = context();
    const file = transcriptPath(ctx);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, line(1));
    const { service, seen } = tail(new Cursors());
    service.start(ctx);
    await appendFile(file, line(2));
    await service.stop('s1');
    expect(seen).toEqual([1, 2]);
    await appendFile(file, line(3));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen).toEqual([1, 2]);
    expect(service.supports('aider')).toBe(false);
    service.start({ ...ctx, providerId: 'aider' });
  });
});
