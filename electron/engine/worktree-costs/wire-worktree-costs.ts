import type { RepoDiskTotal, SessionPorts } from '../../../shared/worktree-costs.js';
import { PortRepository } from '../../store/port-repository.js';
import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';
import { mergedWorktrees, removeMergedWorktrees, type MergedWorktreeHost } from './merged-worktrees.js';
import { PortBlocks, portEnv } from './port-blocks.js';
import { repoDiskTotals } from './repo-totals.js';

/** Port blocks per session, heavy folders brought in copy-on-write, per-repository disk totals. */
export function wireWorktreeCosts(base: EngineBase, host: EngineHost, parts: EngineParts) {
  const ports = new PortBlocks({
    repository: new PortRepository(base.db),
    size: () => host.settings().portBlockSize,
    note: (id, detail) => parts.journal.addEvent(id, 'ports', detail),
  });
  // The record's deletion frees the block in SQLite (ON DELETE CASCADE); this forgets it in memory too.
  const unsubscribe = base.events.subscribe((event) => {
    if (event.name === 'session.removed') ports.release(event.payload.id);
  });
  return {
    /** The variables a session's agent and setup command get: FLOTILLA_PORT, FLOTILLA_PORT_1..N. */
    envFor(id: string): Promise<Record<string, string>> {
      return ports.envFor(id);
    },
    ports(ref: string): SessionPorts | null {
      const { id } = host.get(ref);
      const block = ports.get(id);
      return block ? { id, firstPort: block.firstPort, size: block.size, env: portEnv(block) } : null;
    },
    repoTotals(repoPath?: string): Promise<RepoDiskTotal[]> {
      return repoDiskTotals(host.list(), repoPath);
    },
    merged(repoPath?: string) {
      return mergedWorktrees({ list: () => host.list(), remove: () => Promise.resolve() }, repoPath);
    },
    /** `remove` is the engine's (SessionManager.remove), which the parts cannot reach. */
    removeMerged(ids: string[], remove: MergedWorktreeHost['remove']) {
      return removeMergedWorktrees({ list: () => host.list(), remove }, ids);
    },
    close(): void {
      unsubscribe();
    },
  };
}
