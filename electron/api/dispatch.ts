import { isMethodName, methods, type MethodName, type MethodParams, type MethodResult } from '../../shared/contract.js';
import { toContractError, type ContractError } from '../../shared/errors.js';
import type { ClientStreams } from './client-streams.js';

/** Per-connection state a handler may use: which sessions' output this client follows, and its acks. */
export type ClientContext = Pick<ClientStreams, 'follow' | 'unfollow' | 'ack'> & {
  /** The session whose credential the client connected with (an agent's `flotilla`); undefined: the user. */
  readonly sessionId?: string;
};

export type Handlers = {
  [M in MethodName]: (params: MethodParams<M>, client: ClientContext) => Promise<MethodResult<M>> | MethodResult<M>;
};

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ContractError };

function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The single entry point of every transport: unknown methods and invalid payloads are answered with a
 * typed error before any handler runs, so bad input changes nothing.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  payload: unknown,
  client: ClientContext,
): Promise<DispatchResult> {
  if (!isMethodName(method))
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method "${method}"` } };
  const parsed = methods[method].request.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'VALIDATION', message: `invalid ${method} payload: ${describeIssues(parsed.error.issues)}` },
    };
  }
  try {
    const handler = handlers[method] as (params: unknown, client: ClientContext) => unknown;
    return { ok: true, result: await handler(parsed.data, client) };
  } catch (error) {
    return { ok: false, error: toContractError(error) };
  }
}
