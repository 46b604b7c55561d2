import type { EngineBase, EngineHost, EngineParts } from '../engine-parts.js';

/** Port blocks per session, heavy folders brought in copy-on-write, per-repository disk totals. */
export function wireWorktreeCosts(_base: EngineBase, _host: EngineHost, _parts: EngineParts) {
  return {
    /** The variables a session's agent and setup command get: FLOTILLA_PORT, FLOTILLA_PORT_1..N. */
    async envFor(_id: string): Promise<Record<string, string>> {
      return {};
    },
    close(): void {},
  };
}
