import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createFlotillaMcpServer, LazyClient } from '../mcp/mcp-server.js';
import { connect } from './connect.js';

export const MCP_HELP = `  mcp [--as ID]           an MCP server on stdin/stdout for the agent of this session (FLOTILLA_SESSION_ID):
                          tools spawn, send, wait, children, others, status, what, lock, unlock`;

/**
 * `flotilla mcp`: a stdio MCP server speaking for one session. stdout carries the protocol alone; the host is
 * reached on the first tool call, so a host that is down fails that call (a tool error) and the tools are
 * still listed. Runs until the client closes stdin.
 */
export async function runMcp(
  flags: Record<string, string | boolean | undefined>,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const sessionId = (typeof flags.as === 'string' && flags.as) || env.FLOTILLA_SESSION_ID || undefined;
  // Inside an agent's session: its host, with the session's credential (FLOTILLA_URL / FLOTILLA_TOKEN).
  const dataDirGiven = flags['data-dir'] !== undefined;
  const client = new LazyClient(() => connect(dataDir, { dataDirGiven, env }));
  const server = createFlotillaMcpServer({ sessionId }, client);
  const transport = new StdioServerTransport();
  const stop = () => {
    client.close();
    void server.close().finally(() => process.exit(0));
  };
  // The client (the agent CLI) ends us by closing our stdin, or with a signal.
  process.stdin.once('end', stop);
  process.stdin.once('close', stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await server.connect(transport);
}
