import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MergeJournal } from '../../git/squash-merge.js';
import { settleMerge, type InFlightMerge } from '../../git/settle-merge.js';

/** One git operation that moves a ref and writes a checkout, recorded while it runs. */
interface GitOpEntry {
  kind: 'squash-merge';
  sessionId: string;
  merge: InFlightMerge;
}

/** How long settling at start waits for a git still working in a checkout (ours, outliving a killed host). */
const START_SETTLE_WAIT_MS = 5_000;

/**
 * In-flight git operations that change a ref and the user's checkout (the squash-merge), as one file
 * each under <dataDir>/git-ops, written before the ref moves and removed once branch and checkout agree.
 * A host killed in between leaves the file: the next start settles that merge (completes or undoes it,
 * removing the index.lock our own killed git left, never another's) and notes it on the session.
 */
export class GitOpJournal {
  private readonly dir: string;
  private readonly active = new Set<Promise<void>>();

  constructor(
    dataDir: string,
    private readonly settleWaitMs = START_SETTLE_WAIT_MS,
  ) {
    this.dir = path.join(dataDir, 'git-ops');
  }

  /** A journal for one session's merge. */
  forMerge(sessionId: string): MergeJournal {
    return { begin: (merge) => this.begin({ kind: 'squash-merge', sessionId, merge }) };
  }

  private async begin(entry: GitOpEntry): Promise<{ since: number; end(): Promise<void> }> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${Date.now()}-${randomUUID()}.json`);
    const partial = `${file}.tmp`;
    await writeFile(partial, JSON.stringify(entry), { mode: 0o600 });
    await rename(partial, file);
    const since = (await stat(file)).mtimeMs;
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (finish = resolve));
    this.active.add(running);
    return {
      since,
      end: async () => {
        await rm(file, { force: true });
        this.active.delete(running);
        finish();
      },
    };
  }

  /** Waits (at most `ms`) for operations under way, so a stopping host does not cut a merge short. */
  async drain(ms: number): Promise<void> {
    if (this.active.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([Promise.all([...this.active]), timeout]);
    clearTimeout(timer);
  }

  /** Settles what a killed host left under way; `note` tells the session what was done. */
  async recover(note: (sessionId: string, detail: string) => void): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const file = path.join(this.dir, name);
      let entry: GitOpEntry;
      let since: number;
      try {
        entry = JSON.parse(await readFile(file, 'utf8')) as GitOpEntry;
        since = (await stat(file)).mtimeMs;
      } catch (error) {
        console.error(`flotilla: unreadable record of a git operation ${file}: ${String(error)}`);
        await rm(file, { force: true });
        continue;
      }
      try {
        const settled = await settleMerge(entry.merge, since, this.settleWaitMs);
        note(
          entry.sessionId,
          `a squash-merge into ${entry.merge.baseBranch} was interrupted (host stopped): ${settled.detail}`,
        );
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        note(
          entry.sessionId,
          `a squash-merge into ${entry.merge.baseBranch} was interrupted and could not be settled: ${why}`,
        );
      }
      // Noted once: what is left unresolved is the user's to look at (the note says where).
      await rm(file, { force: true });
    }
  }
}
