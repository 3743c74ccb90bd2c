import { EventEmitter } from 'node:events';

/** A change a subscriber (UI, API client) may want to see live. */
export interface NodeEvent {
  readonly type: string;
  readonly at: string;
  /** STIX facts for the release policy: events about objects are released like the objects. */
  readonly object?: { readonly id: string; readonly type: string; readonly tlp: string | null; readonly originParty: string | null; readonly markingRefs: readonly string[] };
  readonly data: Record<string, unknown>;
}

export type EventListener = (event: NodeEvent) => void;

/**
 * The node's event stream. In one process it is an emitter; with several processes on
 * PostgreSQL a relay (LISTEN/NOTIFY) feeds remote events in through `deliver`.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private relay: ((event: NodeEvent) => void) | undefined;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Publishes an event to local subscribers and, when set, to the other processes. */
  publish(event: NodeEvent): void {
    this.deliver(event);
    this.relay?.(event);
  }

  /** Hands an event to local subscribers only (used by the cross-process relay). */
  deliver(event: NodeEvent): void {
    this.emitter.emit('event', event);
  }

  setRelay(relay: ((event: NodeEvent) => void) | undefined): void {
    this.relay = relay;
  }

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
