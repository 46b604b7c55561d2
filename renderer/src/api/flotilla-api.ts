import type { EventName, EventPayload, MethodName, MethodRequest, MethodResult } from '../../../shared/contract.js';

/**
 * `closed`: the host cannot be reached; `refused`: it answers but refuses this page's token (restarted with
 * a new one); the transport keeps retrying in both.
 */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'refused';

/** What the renderer knows of the host: the typed contract plus the state of the connection. */
export interface FlotillaApi {
  invoke<M extends MethodName>(method: M, payload: MethodRequest<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Every connection state change; `open` again after a drop means state must be fetched anew. */
  onState(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
  /** Whether a connection was ever open: a later drop is a disconnection, not a first start. */
  readonly everOpen?: boolean;
  /** Tries to connect again now instead of after the backoff delay (transports that reconnect). */
  retryNow?(): void;
}
