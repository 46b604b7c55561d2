import type { AnyEvent, EventName, EventPayload, MethodName, MethodRequest, MethodResult } from './contract.js';
import { events, methods } from './contract.js';
import { FlotillaError, type ContractError } from './errors.js';
import { ServerFrame } from './wire.js';

/** The little of a WebSocket the client needs; both the browser's and the `ws` package's fit. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: FlotillaError): void;
}

/**
 * Typed client of the contract over any message socket: `invoke` validates its payload before sending
 * and the result on arrival; events are validated and dispatched by name.
 */
export class ContractClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly anyListeners = new Set<(event: AnyEvent) => void>();

  constructor(private readonly socket: SocketLike) {}

  invoke<M extends MethodName>(method: M, payload: MethodRequest<M>): Promise<MethodResult<M>> {
    const parsed = methods[method].request.safeParse(payload);
    if (!parsed.success) {
      return Promise.reject(new FlotillaError('VALIDATION', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (value) => {
          const result = methods[method].response.safeParse(value);
          if (result.success) resolve(result.data as MethodResult<M>);
          else reject(new FlotillaError('INTERNAL', `malformed ${method} result from host`));
        },
        reject,
      });
      this.socket.send(JSON.stringify({ t: 'req', id, method, payload: parsed.data }));
    });
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  onAny(listener: (event: AnyEvent) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  /** Feed every text message from the socket here. */
  receive(data: string): void {
    let frame;
    try {
      frame = ServerFrame.parse(JSON.parse(data));
    } catch {
      return;
    }
    if (frame.t === 'res') {
      const pending = this.pending.get(frame.id);
      this.pending.delete(frame.id);
      if (!pending) return;
      if (frame.ok) pending.resolve(frame.result);
      else pending.reject(new FlotillaError(frame.error.code, frame.error.message));
      return;
    }
    if (!Object.hasOwn(events, frame.name)) return;
    const name = frame.name as EventName;
    const payload = events[name].safeParse(frame.payload);
    if (!payload.success) return;
    for (const listener of this.listeners.get(name) ?? []) listener(payload.data as never);
    for (const listener of this.anyListeners) listener({ name, payload: payload.data } as AnyEvent);
  }

  /** Fails every request still in flight (the socket closed). */
  fail(error: ContractError): void {
    for (const pending of this.pending.values()) pending.reject(new FlotillaError(error.code, error.message));
    this.pending.clear();
  }

  close(): void {
    this.socket.close();
  }
}
