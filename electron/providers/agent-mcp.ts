import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Launch, LaunchContext, McpLaunch } from './provider.js';

/** The name the agent's CLI knows Flotilla's server by: its tools show as mcp__flotilla__send and the like. */
export const MCP_SERVER_NAME = 'flotilla';

/** Claude Code's --mcp-config format (the same as .mcp.json). */
export function claudeMcpConfig(mcp: McpLaunch): { mcpServers: Record<string, unknown> } {
  // No `env`: Claude Code starts stdio servers with its own env, which holds the session's variables.
  return { mcpServers: { [MCP_SERVER_NAME]: { type: 'stdio', command: mcp.command, args: mcp.args } } };
}

/**
 * `--mcp-config <stateDir>/mcp.json` for Claude Code: the file lies in the session's state folder, never in the
 * worktree (the session's diff) nor in the user's settings; their own MCP servers stay (no --strict-mcp-config).
 */
export async function claudeMcpArgs(ctx: LaunchContext): Promise<string[]> {
  if (!ctx.mcp) return [];
  await mkdir(ctx.stateDir, { recursive: true });
  const file = path.join(ctx.stateDir, 'mcp.json');
  await writeFile(file, `${JSON.stringify(claudeMcpConfig(ctx.mcp), null, 2)}\n`, { mode: 0o600 });
  return ['--mcp-config', file];
}

/**
 * Claude Code 2.1.197 connects MCP servers in the background and redraws when one is up: a prompt typed into a
 * resumed session then could lose its Enter (real-claude resume tests: 4 of 14 with the server, 0 of 4
 * without). Connecting first (MCP_CONNECTION_NONBLOCKING=0) costs the server's start, ~0.5 s, and the first
 * turn has the tools. A profile's own value wins.
 */
export function claudeMcpEnv(ctx: LaunchContext, launch: Launch): Launch {
  if (!ctx.mcp) return launch;
  return { ...launch, env: { MCP_CONNECTION_NONBLOCKING: '0', ...launch.env } };
}

/**
 * Codex config overrides (`-c key=value`, the value TOML; JSON's string escaping is TOML's) adding the server.
 * Codex starts MCP servers with a filtered env (HOME, PATH and a few more), so `env_vars` names the variables
 * to pass on from its own: the credential is neither on a command line nor on disk.
 */
export function codexMcpArgs(ctx: LaunchContext): string[] {
  if (!ctx.mcp) return [];
  const key = `mcp_servers.${MCP_SERVER_NAME}`;
  const list = (values: string[]) => `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
  return [
    '-c',
    `${key}.command=${JSON.stringify(ctx.mcp.command)}`,
    '-c',
    `${key}.args=${list(ctx.mcp.args)}`,
    '-c',
    `${key}.env_vars=${list(ctx.mcp.passEnv)}`,
  ];
}

const OPENCODE_CONTENT = 'OPENCODE_CONFIG_CONTENT';

/**
 * opencode (1.18.33) takes MCP servers from OPENCODE_CONFIG_CONTENT (`mcp.<name>`, type local, the command as
 * an argv) and starts them with its own env. `env` is the launch's env so far: the content there (Flotilla's
 * plugin merged with the user's), else the user's own (a profile's, else the host's), gets the server added;
 * content that is no JSON object is left alone, as the hooks do.
 */
export function opencodeMcpEnv(
  ctx: LaunchContext,
  env: Record<string, string> = {},
  base: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  if (!ctx.mcp) return {};
  const own = env[OPENCODE_CONTENT] ?? base[OPENCODE_CONTENT];
  let config: unknown = {};
  if (own !== undefined && own.trim() !== '') {
    try {
      config = JSON.parse(own);
    } catch {
      return {};
    }
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return {};
  const theirs = (config as { mcp?: unknown }).mcp;
  const servers = typeof theirs === 'object' && theirs !== null && !Array.isArray(theirs) ? theirs : {};
  const server = { type: 'local', command: [ctx.mcp.command, ...ctx.mcp.args], enabled: true };
  return { [OPENCODE_CONTENT]: JSON.stringify({ ...config, mcp: { ...servers, [MCP_SERVER_NAME]: server } }) };
}

/**
 * Gemini CLI (0.61) reads MCP servers from settings files only: the launch's own settings.json, in the Gemini
 * home withGeminiHooks made in the state folder, gets the server. Its `env` names the variables as `$NAME`,
 * which Gemini expands from its own env, so the credential is not written to disk. Without that home (no
 * hooks, or settings Flotilla cannot read) the launch is left as it was. Gemini runs MCP servers only in
 * folders the user trusts (the trust question at a worktree's first start).
 */
export async function withGeminiMcp(ctx: LaunchContext, launch: Launch): Promise<Launch> {
  const home = launch.env?.GEMINI_CLI_HOME;
  if (!ctx.mcp || home !== path.join(ctx.stateDir, 'gemini-home')) return launch;
  const file = path.join(home, '.gemini', 'settings.json');
  const settings = JSON.parse(await readFile(file, 'utf8')) as { mcpServers?: Record<string, unknown> };
  const env = Object.fromEntries(ctx.mcp.passEnv.map((name) => [name, `$${name}`]));
  const server = { command: ctx.mcp.command, args: ctx.mcp.args, env };
  const mcpServers = { ...settings.mcpServers, [MCP_SERVER_NAME]: server };
  await writeFile(file, `${JSON.stringify({ ...settings, mcpServers }, null, 2)}\n`, { mode: 0o600 });
  return launch;
}
