import type { ContractClient } from '../../../shared/contract-client.js';
import type {
  AnyEvent,
  EventName,
  EventPayload,
  MethodName,
  MethodRequest,
  MethodResult,
} from '../../../shared/contract.js';
import { FlotillaError } from '../../../shared/errors.js';
import type { ConnectionState, FlotillaApi } from './flotilla-api.js';

type Listener = (payload: never) => void;

/**
 * A FlotillaApi over whichever ContractClient is current. Listeners outlive connections, so a transport
 * that reconnects just attaches its new client.
 */
export class ClientHub implements FlotillaApi {
  private client: ContractClient | undefined;
  private detachAny: (() => void) | undefined;
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  state: ConnectionState = 'connecting';
  everOpen = false;
  retryNow?: () => void;

  attach(client: ContractClient): void {
    this.detachAny?.();
    this.client = client;
    this.detachAny = client.onAny((event) => this.dispatch(event));
    this.everOpen = true;
    this.setState('open');
  }

  detach(client: ContractClient, reason: string): void {
    if (this.client !== client) return;
    this.detachAny?.();
    this.client = undefined;
    client.fail({ code: 'INTERNAL', message: reason });
    if (this.state === 'open') this.setState('closed');
  }

  setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  invoke<M extends MethodName>(method: M, payload: MethodRequest<M>): Promise<MethodResult<M>> {
    if (!this.client) return Promise.reject(new FlotillaError('INTERNAL', 'not connected to the Flotilla host'));
    return this.client.invoke(method, payload);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private dispatch(event: AnyEvent): void {
    const set = this.listeners.get(event.name);
    if (!set) return;
    for (const listener of [...set]) (listener as (payload: unknown) => void)(event.payload);
  }
}
