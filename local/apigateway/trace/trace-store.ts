import type { DecisionTrace } from './decision-trace.js';

/** How many traces are kept: enough for a workshop exercise, bounded so a flood cannot grow memory. */
export const TRACES_KEPT = 200;

/**
 * The last traces, newest last, in memory only (a restart forgets them). Keyed
 * by request id in a Map: the ids come from the gateway, but lookups come from
 * a URL.
 */
export class TraceStore {
  private readonly byId = new Map<string, DecisionTrace>();
  private readonly listeners = new Set<(trace: DecisionTrace) => void>();

  constructor(readonly capacity = TRACES_KEPT) {}

  add(trace: DecisionTrace): void {
    this.byId.set(trace.requestId, trace);
    while (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value!);
    for (const listener of this.listeners) listener(trace);
  }

  get(requestId: string): DecisionTrace | undefined {
    return this.byId.get(requestId);
  }

  /** Newest first. */
  list(): DecisionTrace[] {
    return [...this.byId.values()].reverse();
  }

  /** Called with every trace as it is added (the access log); returns the unsubscribe. */
  subscribe(listener: (trace: DecisionTrace) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
