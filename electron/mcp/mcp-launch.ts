import path from 'node:path';
import type { McpLaunch } from '../providers/provider.js';

/** What `flotilla mcp` reads from the agent's env: whom it speaks for, and how it reaches the host. */
export const MCP_ENV = ['FLOTILLA_SESSION_ID', 'FLOTILLA_PARENT_ID', 'FLOTILLA_URL', 'FLOTILLA_TOKEN'] as const;

/**
 * The MCP server of an agent: the `flotilla` launcher the host writes for its agents (in `binDir`, first on
 * their PATH), by its full path since a CLI may start MCP servers with a PATH of its own. The launcher runs
 * this build's CLI with this process's Node (Electron's binary as Node in the desktop app).
 */
export function mcpLaunch(binDir: string): McpLaunch {
  return { command: path.join(binDir, 'flotilla'), args: ['mcp'], passEnv: [...MCP_ENV] };
}
