import type { EventName, EventPayload, MethodName, MethodRequest, MethodResult } from '../../../shared/contract.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** What the renderer knows of the host: the typed contract plus the state of the connection. */
export interface FlotillaApi {
  invoke<M extends MethodName>(method: M, payload: MethodRequest<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Every connection state change; `open` again after a drop means state must be fetched anew. */
  onState(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
}
