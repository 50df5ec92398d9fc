/**
 * A map keyed by what a client sent (query keys, header names, JSON keys, ids):
 * no prototype, so a key named `constructor`, `toString` or `__proto__` is an
 * ordinary entry, never an inherited member that a lookup would find or an
 * assignment would reach through. It serializes (JSON, structured clone into a
 * function's worker) exactly as `{}` does.
 */
export function requestKeyed<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const map = Object.create(null) as Record<string, T>;
  if (entries) for (const [key, value] of entries) map[key] = value;
  return map;
}

/** An own entry of a map that may have a prototype (parsed JSON, stored state), or undefined. */
export function ownEntry<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
