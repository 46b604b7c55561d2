import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FlotillaError } from '../../shared/errors.js';
import type { ContractClient } from '../../shared/contract-client.js';
import { VERSION } from '../version.js';
import { flotillaTools, type FlotillaTool, type ToolContext } from './mcp-tools.js';

export interface McpServerOptions {
  /** The session the server speaks for (FLOTILLA_SESSION_ID or --as); undefined outside a session. */
  sessionId: string | undefined;
}

/** The text an agent reads for a failed call: the contract's error code first, so it can act on it. */
export function toolError(error: unknown): CallToolResult {
  const text =
    error instanceof FlotillaError
      ? `${error.code}: ${error.message}`
      : `flotilla: ${error instanceof Error ? error.message : String(error)}`;
  return { isError: true, content: [{ type: 'text', text }] };
}

/**
 * One connection to the host, made when a tool first needs it (a host that is down fails that call, not the
 * server), and made again once it is lost: ContractClient has no close event, so its `fail` (which connect()
 * calls when the socket closes) is where we learn of it.
 */
export class LazyClient {
  private pending: Promise<ContractClient> | null = null;

  constructor(private readonly connect: () => Promise<ContractClient>) {}

  get(): Promise<ContractClient> {
    this.pending ??= this.open();
    return this.pending;
  }

  close(): void {
    const pending = this.pending;
    this.pending = null;
    void pending?.then((client) => client.close()).catch(() => undefined);
  }

  private async open(): Promise<ContractClient> {
    try {
      const client = await this.connect();
      const fail = client.fail.bind(client);
      client.fail = (error) => {
        this.pending = null;
        fail(error);
      };
      return client;
    } catch (error) {
      this.pending = null;
      throw error;
    }
  }
}

/** The Flotilla MCP server: every coordination tool, with errors as tool results (isError), never a crash. */
export function createFlotillaMcpServer(options: McpServerOptions, client: LazyClient): McpServer {
  const server = new McpServer({ name: 'flotilla', version: VERSION });
  const ctx: ToolContext = {
    client: () => client.get(),
    me: () => {
      if (options.sessionId) return options.sessionId;
      throw new FlotillaError(
        'VALIDATION',
        'this MCP server runs outside a Flotilla session: start it from a session (FLOTILLA_SESSION_ID) or with --as ID',
      );
    },
  };
  for (const definition of flotillaTools as readonly FlotillaTool[]) {
    server.registerTool(
      definition.name,
      { description: definition.description, inputSchema: definition.input },
      async (args: Record<string, unknown>): Promise<CallToolResult> => {
        try {
          const result = await definition.run(ctx, args as never);
          return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }] };
        } catch (error) {
          return toolError(error);
        }
      },
    );
  }
  return server;
}
