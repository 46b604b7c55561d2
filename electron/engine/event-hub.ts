import type { AnyEvent, EventName, EventPayload } from '../../shared/contract.js';

export type EventListener = (event: AnyEvent) => void;

/** Fan-out of engine events to every transport; a failing listener never breaks the engine or the others. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as AnyEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`event listener failed on ${name}:`, error);
      }
    }
  }
}
