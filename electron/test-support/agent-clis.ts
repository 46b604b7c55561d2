import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import pins from './agent-clis.json' with { type: 'json' };

// Where the real-CLI suite finds the agent CLIs: the manifest scripts/install-agent-clis.mjs writes
// (.ci/run calls it before `npm test`), or FLOTILLA_AGENTS_PREFIX (an `npm install --prefix` of your own).

export interface AgentCli {
  /** The binary to run, if the CLI is there. */
  bin?: string;
  /** Why not, to print with the skipped tests. */
  missing?: string;
}

interface Manifest {
  version?: string;
  bin?: string;
  error?: string;
}

export function agentClisDir(): string {
  return (
    process.env.FLOTILLA_AGENT_CLIS_DIR ??
    path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'flotilla', 'agent-clis')
  );
}

export function agentCli(name: string, binName = name): AgentCli {
  const prefix = process.env.FLOTILLA_AGENTS_PREFIX;
  if (prefix) {
    const bin = path.join(prefix, 'node_modules', '.bin', binName);
    return existsSync(bin) ? { bin } : { missing: `${binName} not in FLOTILLA_AGENTS_PREFIX=${prefix}` };
  }
  const manifest = path.join(agentClisDir(), 'manifest.json');
  if (!existsSync(manifest)) return { missing: `no ${manifest}: run node scripts/install-agent-clis.mjs` };
  const entry = (JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Manifest>)[name];
  if (!entry) return { missing: `${name} is not in ${manifest}: run node scripts/install-agent-clis.mjs ${name}` };
  const pinned = (pins as Record<string, { version: string }>)[name]?.version;
  if (entry.version !== pinned)
    return { missing: `${manifest} has ${name}@${entry.version}, the pin is ${pinned}: rerun the installer` };
  if (entry.error) return { missing: entry.error };
  if (!entry.bin || !existsSync(entry.bin)) return { missing: `${entry.bin ?? name} is gone: reinstall it` };
  return { bin: entry.bin };
}
